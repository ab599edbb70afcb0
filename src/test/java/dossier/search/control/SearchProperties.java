package dossier.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The search box and the pager take anything a request can carry: the syntax parser and the query never throw,
 * and paging stays within the result window for every page, size and offset, however large or negative.
 */
class SearchProperties {

    /** A bound on work against a hang, generous for a loaded machine, not a speed target. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static ArticleIndex index;

    @BeforeContainer
    static void open() throws IOException {
        index = new ArticleIndex(new ByteBuffersDirectory());
        for (int i = 0; i < 30; i++) {
            index.index(new IndexedArticle("cloud-" + i, "Cloud " + i, List.of(), "", "cloud computing on premise " + i,
                    List.of("cloud"), "Ada", Instant.parse("2024-01-15T10:00:00Z").plusSeconds(i), true));
        }
        index.refresh();
    }

    @AfterContainer
    static void close() throws IOException {
        index.close();
    }

    /** Numbers near the edges of int: where products and sums overflow. */
    @Provide
    Arbitrary<Integer> huge() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(-3, 3),
                Arbitraries.integers().between(Integer.MAX_VALUE - 100, Integer.MAX_VALUE),
                Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MIN_VALUE + 100),
                Arbitraries.integers().between(900, 10_100), Arbitraries.of(424_496_730, 214_748_365, 21_474_837));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> syntax = Arbitraries.of("cloud", "\"", "-", "*", "tag:", "author:", "(", ")", "~", "\\", " ", "OR",
                "NOT", "cloud*", "\"cloud computing\"", "-cloud", "/", ":", "\u0000", "\uD800", "é", "云").list().ofMaxSize(600)
                .map(parts -> String.join("", parts));
        Arbitrary<String> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000)
                .map(b -> new String(b, StandardCharsets.UTF_8));
        Arbitrary<String> long_ = Arbitraries.strings().ofMinLength(400).ofMaxLength(5_000);
        return Arbitraries.oneOf(syntax, bytes, long_, Arbitraries.strings());
    }

    @Property(tries = 200)
    void theSyntaxParserTakesAnyText(@ForAll("queries") String text) {
        assertTimeoutPreemptively(BOUND, () -> {
            List<SearchSyntax.Part> parts = SearchSyntax.parse(text);
            assertTrue(parts.size() <= SearchSyntax.MAX_PARTS);
        });
    }

    @Property(tries = 200)
    void aQueryKeepsItsPageWithinTheWindow(@ForAll("huge") int page, @ForAll("huge") int size) {
        SearchQuery query = new SearchQuery("cloud", null, page, size, null);
        assertTrue(query.size() >= 1 && query.size() <= SearchQuery.MAX_SIZE, "size " + query.size());
        assertTrue(query.page() >= 1 && query.page() <= SearchQuery.maxPage(query.size()), "page " + query.page());
        assertTrue(query.from() >= 0 && query.from() <= SearchQuery.MAX_RESULT_WINDOW, "from " + query.from());
    }

    @Property(tries = 100)
    void anyPageOfAnySizeIsAnsweredWithTheTotal(@ForAll("huge") int page, @ForAll("huge") int size) {
        assertTimeoutPreemptively(BOUND, () -> {
            SearchResult result = index.search(new SearchQuery("cloud", null, page, size, SearchQuery.Sort.RELEVANCE));
            assertEquals(30, result.total());
            int pageSize = size <= 0 ? SearchQuery.DEFAULT_SIZE : Math.min(size, SearchQuery.MAX_SIZE);
            assertTrue(result.hits().size() <= pageSize, result.hits().size() + " hits on a page of " + pageSize);
        });
    }

    @Property(tries = 100)
    void anyTextIsSearchedWithoutFailing(@ForAll("queries") String text, @ForAll("huge") int page) {
        assertTimeoutPreemptively(BOUND, () -> {
            String cut = text.length() > 500 ? text.substring(0, 500) : text; // as the pages and the API cut it
            SearchResult result = index.search(new SearchQuery(cut, null, page, 10, SearchQuery.Sort.DATE));
            assertTrue(result.hits().size() <= 10);
        });
    }
}
