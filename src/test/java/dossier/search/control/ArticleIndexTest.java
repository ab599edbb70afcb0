package dossier.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dossier.article.control.ArticleSource;
import dossier.article.control.ContentException;
import dossier.article.control.ContentParser;
import dossier.markdown.control.MarkdownRenderer;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArticleIndexTest {

    private static final Instant JAN = Instant.parse("2024-01-15T10:00:00Z");
    private static final Instant FEB = Instant.parse("2024-02-15T10:00:00Z");
    private static final Instant MAR = Instant.parse("2024-03-15T10:00:00Z");

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private ArticleIndex cut = open(directory);

    private static ArticleIndex open(ByteBuffersDirectory directory) {
        try {
            return new ArticleIndex(directory);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() throws IOException {
        cut.close();
    }

    private static IndexedArticle article(String slug, String title, String body) {
        return new IndexedArticle(slug, title, List.of(), "", body, List.of(), "Ada Lovelace", JAN, true);
    }

    /** An article as the content import makes it: front matter with a title only, so the summary is made from the body. */
    private static IndexedArticle imported(String slug, String title, String markdown) throws ContentException {
        ArticleSource source = new ContentParser(new MarkdownRenderer()).build(slug + ".md", Map.of("title", title),
                markdown, null, JAN);
        return new IndexedArticle(source.slug(), source.title(), List.of(), source.summary(), source.body().plainText(),
                source.tagNames(), "Ada Lovelace", JAN, true);
    }

    private void add(IndexedArticle... articles) throws IOException {
        for (IndexedArticle article : articles) {
            cut.index(article);
        }
        cut.refresh();
    }

    private SearchResult search(String text) throws IOException {
        return cut.search(SearchQuery.of(text));
    }

    private static List<String> slugs(SearchResult result) {
        return result.hits().stream().map(SearchHit::slug).toList();
    }

    @Test
    void aDifferentFormOfAWordFindsTheArticle() throws IOException {
        add(article("k8s", "Running clusters", "The deployment of our services took a week."),
                article("other", "Gardening", "Tomatoes need sun."));

        assertEquals(List.of("k8s"), slugs(search("deploying")));
        assertEquals(List.of("k8s"), slugs(search("Deployments")));
    }

    @Test
    void aPhraseMatchesOnlyInThatOrder() throws IOException {
        add(article("in-order", "A", "We care about data sovereignty above all."),
                article("reversed", "B", "Sovereignty over data is what we care about."));

        assertEquals(List.of("in-order"), slugs(search("\"data sovereignty\"")));
        assertEquals(2, search("data sovereignty").total());
    }

    @Test
    void excludedWordsAndPhrasesRemoveArticles() throws IOException {
        add(article("cloud", "Cloud costs", "Hosting costs in the public cloud."),
                article("onprem", "On-premise costs", "Hosting costs in our own rack."));

        assertEquals(List.of("onprem"), slugs(search("costs -cloud")));
        assertEquals(List.of("cloud"), slugs(search("hosting -\"own rack\"")));
    }

    @Test
    void aTagFiltersAndFacetsCountEveryMatchNotOnlyThePage() throws IOException {
        for (int i = 0; i < 5; i++) {
            cut.index(new IndexedArticle("a" + i, "Analysis " + i, List.of(), "", "Market analysis number " + i,
                    i < 3 ? List.of("Economics", "Europe") : List.of("economics"), "Ada", JAN, true));
        }
        cut.index(article("unrelated", "Poems", "Roses are red."));
        cut.refresh();

        SearchResult all = cut.search(new SearchQuery("analysis", null, 1, 2, SearchQuery.Sort.RELEVANCE));
        assertEquals(5, all.total());
        assertEquals(2, all.hits().size());
        assertEquals(Map.of("economics", 5L, "europe", 3L), all.tagFacets());
        assertEquals(List.of("economics", "europe"), List.copyOf(all.tagFacets().keySet()));

        SearchResult europe = cut.search(new SearchQuery("analysis", "Europe", 1, 10, SearchQuery.Sort.RELEVANCE));
        assertEquals(3, europe.total());
        assertEquals(List.of("Economics", "Europe"), europe.hits().get(0).tags());
        assertEquals(3, search("analysis tag:europe").total());
        assertEquals(2, search("analysis -tag:europe").total());
        assertEquals(3, search("tag:Europe").total(), "a tag alone lists its articles");
    }

    @Test
    void anAuthorFilterMatchesTheNameOrOneOfItsWords() throws IOException {
        add(new IndexedArticle("ada", "Engines", List.of(), "", "Analytical engines.", List.of(), "Ada Lovelace",
                        JAN, true),
                new IndexedArticle("grace", "Compilers", List.of(), "", "Analytical compilers.", List.of(),
                        "Grace Hopper", JAN, true));

        assertEquals(List.of("ada"), slugs(search("analytical author:lovelace")));
        assertEquals(List.of("grace"), slugs(search("analytical author:\"Grace Hopper\"")));
        assertEquals(List.of("grace"), slugs(search("analytical -author:ada")));
    }

    @Test
    void chineseAndJapaneseWordsAreFound() throws IOException {
        add(article("zh", "数据", "我们重视数据主权和本地部署。"),
                article("ja", "インフラ", "オンプレミス環境で運用します。"),
                article("en", "English", "Nothing in Chinese here."));

        assertEquals(List.of("zh"), slugs(search("主权")));
        assertEquals(List.of("zh"), slugs(search("部署")));
        assertEquals(List.of("ja"), slugs(search("環境")));
        assertEquals(List.of("ja"), slugs(search("オンプレミス")));
        assertEquals(0, search("权本").total(), "two characters from different words are not a word");
        assertTrue(search("主权").hits().get(0).snippetHtml().contains("数据<mark>主权</mark>和"));
    }

    @Test
    void aPrefixFindsLongerWordsAsWritten() throws IOException {
        add(article("k8s", "Clusters", "Our deployment pipeline."), article("other", "Gardening", "Tomatoes."));

        assertEquals(List.of("k8s"), slugs(search("deploy*")));
        assertEquals(List.of("k8s"), slugs(search("deploym*")));
        assertEquals(List.of("k8s"), slugs(search("Pipel*")));
        assertTrue(search("deploy*").hits().get(0).snippetHtml().contains("<mark>deployment</mark>"));
    }

    @Test
    void aMisspelledWordGetsADidYouMean() throws IOException {
        add(article("k8s", "Deployment costs", "What a deployment costs per month."),
                article("other", "Gardening", "Tomatoes need sun."));

        SearchResult result = search("deploymnet costs");
        assertEquals("deployment costs", result.suggestion());
        assertNull(search("deployment costs").suggestion());
    }

    @Test
    void aSlipInALongQuestionGetsADidYouMean() throws IOException {
        add(article("k8s", "Deployment costs", "What a deployment of a model does cost per month on our own servers."),
                article("other", "Gardening", "Tomatoes need sun."));

        SearchResult result = search("what does a deploymnet of our own model cost per month");
        assertEquals("what does a deployment of our own model cost per month", result.suggestion());
    }

    @Test
    void namesAndCodesAreNotCorrected() throws IOException {
        add(article("enzymes", "Enzymes", "ALDH2 expression in tumours, and the prion protein PrP."),
                article("other", "Gardening", "Tomatoes need sun."));

        assertNull(search("ALDH1 expression").suggestion());
        assertNull(search("PrX protein").suggestion());
        assertEquals("ALDH1 expression", search("ALDH1 expresion").suggestion());
    }

    /** Equal scores fall by slug, not by the order the index happened to receive the articles in. */
    @Test
    void articlesOfEqualScoreAreListedBySlug() throws IOException {
        add(article("zeta", "Heat pumps", "Heat pumps in cold climates."),
                article("alpha", "Heat pumps", "Heat pumps in cold climates."),
                article("mid", "Heat pumps", "Heat pumps in cold climates."));

        assertEquals(List.of("alpha", "mid", "zeta"), slugs(search("heat pumps")));
        assertEquals(List.of("alpha", "mid", "zeta"), slugs(search("cold heat winter")), "relaxed alike");
    }

    /**
     * A hit found by its comments shows the comment, marked; a hit whose own text has the word shows that, even
     * when its comments have it too.
     */
    @Test
    void aHitFoundInItsDiscussionShowsTheComment() throws IOException {
        add(new IndexedArticle("talk", "Cooling", List.of(), "", "Liquid cooling for racks.", List.of(), "Ada", JAN, true,
                        "Has anyone tried immersion tanks?"),
                new IndexedArticle("own", "Immersion", List.of(), "", "Immersion tanks hold the servers.", List.of(),
                        "Ada", JAN, true, "Immersion tanks are loud."));

        SearchResult result = search("immersion");
        SearchHit own = result.hits().stream().filter(h -> h.slug().equals("own")).findFirst().orElseThrow();
        SearchHit talk = result.hits().stream().filter(h -> h.slug().equals("talk")).findFirst().orElseThrow();
        assertFalse(own.inDiscussion());
        assertTrue(own.snippetHtml().contains("<mark>Immersion</mark> tanks hold"), own.snippetHtml());
        assertTrue(talk.inDiscussion());
        assertTrue(talk.snippetHtml().contains("tried <mark>immersion</mark> tanks"), talk.snippetHtml());
    }

    @Test
    void whenNoArticleHasAllWordsAnyWordIsEnough() throws IOException {
        add(article("a", "Solar", "Solar power on roofs."), article("b", "Wind", "Wind power offshore."));

        SearchResult both = search("solar roofs");
        assertFalse(both.relaxed());
        assertEquals(List.of("a"), slugs(both));

        SearchResult any = search("solar offshore");
        assertTrue(any.relaxed());
        assertEquals(2, any.total());
    }

    static Stream<String> malformed() {
        Random random = new Random(42);
        String noise = random.ints(10_000, 0, 0x3000).mapToObj(c -> String.valueOf((char) c))
                .collect(Collectors.joining());
        String manyTerms = IntStream.range(0, 100).mapToObj(i -> "term" + i).collect(Collectors.joining(" "));
        String manyPrefixes = IntStream.range(0, 100).mapToObj(i -> "t" + i + "*").collect(Collectors.joining(" "));
        String longCjk = "数据主权".repeat(200);
        return Stream.of("\"unbalanced", "-", "*", "AND", "OR OR", "tag:", "((((", "\\", noise, "title:x^99~",
                manyTerms, manyPrefixes, longCjk, "", "   ", "\"\"", "-\"\"", "tag:\"", "author:", "a*", "*:*",
                "\uD83D\uDE00*", "[1 TO 5]", "foo~2", "/regex/", "+required", "!!", "\"a\" \"b", "-deployment");
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void anyInputGivesAResultNeverAnError(String text) throws IOException {
        add(article("k8s", "Deployment and terms", "term1 term2 deployment t1 t2 数据主权 title x 99"));

        SearchResult result = search(text);

        assertNotNull(result);
        assertTrue(result.total() >= 0);
        assertNotNull(cut.suggest(text, 5));
    }

    @Test
    void aNewArticleIsFoundAfterRefreshWithoutCommit() throws IOException {
        cut.index(article("fresh", "Fresh", "Brand new observations."));
        assertEquals(0, search("observations").total(), "not visible before refresh");

        cut.refresh();

        assertEquals(List.of("fresh"), slugs(search("observations")));
        assertFalse(ArticleIndex.isCurrentLayout(directory), "nothing was committed");
    }

    @Test
    void reindexingReplacesTheArticleInsteadOfAddingAnother() throws IOException {
        add(article("same", "Old title", "Body about reactors."));
        add(article("same", "New title", "Body about reactors."));

        SearchResult result = search("reactors");
        assertEquals(1, result.total());
        assertEquals("New title", result.hits().get(0).title());
        assertEquals(0, search("old").total());
        assertEquals(1, cut.documentCount());
    }

    @Test
    void aDeletedArticleIsNoLongerFound() throws IOException {
        add(article("gone", "Gone", "Ephemeral thoughts."));
        cut.delete("gone");
        cut.refresh();

        assertEquals(0, search("ephemeral").total());
        assertEquals(0, cut.documentCount());
    }

    @Test
    void aDraftIsNeverFound() throws IOException {
        add(new IndexedArticle("draft", "Secret draft", List.of("Secret"), "Secret", "Secret plans.",
                List.of("secret"), "Ada", null, false));
        assertEquals(0, search("secret").total());
        assertEquals(0, search("tag:secret").total());
        assertEquals(List.of(), cut.suggest("sec", 5));

        add(article("draft", "Published now", "Public plans."));
        add(new IndexedArticle("draft", "Back to draft", List.of(), "", "Public plans.", List.of(), "Ada", JAN,
                false));
        assertEquals(0, search("plans").total(), "unpublishing removes it");
    }

    @Test
    void aWordInTheTitleRanksAboveTheSameWordOnceInTheBody() throws IOException {
        add(article("body", "Notes on infrastructure",
                        "A long text about many things, where kubernetes is mentioned once among other words."),
                article("title", "Kubernetes in practice", "A long text about many things and other words."));

        assertEquals(List.of("title", "body"), slugs(search("kubernetes")));
    }

    @Test
    void theOpeningOfAnArticleWithoutASummaryCountsLikeTheRestOfIt() throws Exception {
        String filler = "Engineers compared the plant designs over several seasons and wrote down what they measured. "
                .repeat(5);
        add(imported("opening", "Storage notes", "Hydrogen is stored in caverns. " + filler),
                imported("twice", "Cavern notes", filler + "Hydrogen is stored in caverns, and hydrogen leaks little."));

        assertEquals(List.of("twice", "opening"), slugs(search("hydrogen")), "twice the word beats once at the start");
        assertTrue(search("storage").hits().get(0).snippetHtml().startsWith("Hydrogen is stored in caverns."),
                "the snippet still shows the opening");
    }

    @Test
    void anArticleWithMoreOfTheWordsRanksAboveOneRepeatingAWordInTitleAndBody() throws IOException {
        add(article("solar", "Solar roofs", "Solar panels on solar roofs: solar output through the day."),
                article("home", "Home energy", "A battery and an inverter in the basement."));

        SearchResult result = search("solar battery inverter");

        assertTrue(result.relaxed());
        assertEquals(List.of("home", "solar"), slugs(result));
    }

    @Test
    void aClaimWithHyphensColonsAndQuotesFindsItsArticle() throws IOException {
        add(article("cd4", "Regulatory T cells in mice",
                        "CD4+ T-cells of TGF-beta deficient mice: the Foxp3 ratio fell to 0.5-fold, as \"expected\"."),
                article("other", "Cells", "Cells of many kinds, counted in mice."));

        List<String> found = slugs(search("CD4+ T-cells: the Foxp3 ratio in TGF-beta deficient mice fell 0.5-fold"));

        assertEquals("cd4", found.get(0));
    }

    @Test
    void snippetsMarkMatchesAndEscapeEverythingElse() throws IOException {
        add(article("xss", "Escaping",
                "Never trust <script>alert('x')</script> & friends; escaping keeps \"quotes\" harmless."));

        String snippet = search("escaping").hits().get(0).snippetHtml();

        assertTrue(snippet.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; friends"), snippet);
        assertTrue(snippet.contains("<mark>escaping</mark>"), snippet);
        assertTrue(snippet.contains("&quot;quotes&quot;"), snippet);
        assertFalse(snippet.replace("<mark>", "").replace("</mark>", "").contains("<"), snippet);
        assertTrue(search("script").hits().get(0).snippetHtml().contains("&lt;<mark>script</mark>&gt;"));
    }

    @Test
    void snippetsStayShortAndShowTheMatchingPassage() throws IOException {
        String filler = "Filler sentence without the word we want. ".repeat(30);
        add(article("long", "Long", filler + "Here the reactor finally appears in the text. " + filler));

        String snippet = search("reactor").hits().get(0).snippetHtml();

        assertTrue(snippet.contains("<mark>reactor</mark>"), snippet);
        assertTrue(snippet.replaceAll("<[^>]+>", "").length() <= 260, snippet);
    }

    @Test
    void theSummaryIsTheSnippetWhenTheBodyDoesNotMatch() throws IOException {
        add(new IndexedArticle("s", "Grid", List.of("Storage"), "Batteries stabilise the grid.", "Long body.",
                List.of(), "Ada", JAN, true));

        assertEquals("<mark>Batteries</mark> stabilise the grid.", search("batteries").hits().get(0).snippetHtml());
    }

    @Test
    void headingsAndTagsAreSearchedToo() throws IOException {
        add(new IndexedArticle("h", "Grid", List.of("Battery storage"), "", "Long body.",
                List.of("data-sovereignty"), "Ada", JAN, true));

        assertEquals(List.of("h"), slugs(search("battery")));
        assertEquals(List.of("h"), slugs(search("sovereignty")));
    }

    @Test
    void sortingByDateShowsTheNewestFirst() throws IOException {
        add(new IndexedArticle("jan", "Energy January", List.of(), "", "energy energy energy", List.of(), "A", JAN,
                        true),
                new IndexedArticle("mar", "March", List.of(), "", "energy", List.of(), "A", MAR, true),
                new IndexedArticle("feb", "February", List.of(), "", "energy", List.of(), "A", FEB, true));

        SearchResult byDate = cut.search(new SearchQuery("energy", null, 1, 10, SearchQuery.Sort.DATE));

        assertEquals(List.of("mar", "feb", "jan"), slugs(byDate));
        assertEquals(MAR, byDate.hits().get(0).published());
        assertEquals("jan", slugs(search("energy")).get(0));
    }

    @Test
    void pagesSplitTheResultsAndKeepTheTotal() throws IOException {
        for (int i = 0; i < 25; i++) {
            cut.index(article("p" + i, "Page " + i, "pagination test"));
        }
        cut.refresh();

        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            SearchResult result = cut.search(new SearchQuery("pagination", null, page, 10, SearchQuery.Sort.RELEVANCE));
            assertEquals(25, result.total());
            seen.addAll(slugs(result));
        }
        assertEquals(25, seen.size());
        assertEquals(25, seen.stream().distinct().count());
        assertEquals(0, cut.search(new SearchQuery("pagination", null, 4, 10, SearchQuery.Sort.RELEVANCE))
                .hits().size());
        assertEquals(25, cut.search(new SearchQuery("pagination", null, 1, 1_000, SearchQuery.Sort.RELEVANCE))
                .hits().size());
        assertEquals(SearchQuery.MAX_SIZE, new SearchQuery("x", null, 1, 1_000, null).size());
    }

    @Test
    void thePageIsClampedSoThatItsWindowStaysWithinTheLimit() {
        for (int size : new int[] {1, 7, 10, SearchQuery.MAX_SIZE}) {
            SearchQuery far = new SearchQuery("x", null, Integer.MAX_VALUE, size, null);
            assertTrue((long) (far.page() - 1) * far.size() <= SearchQuery.MAX_RESULT_WINDOW, "size " + size);
            assertEquals(far.page(), new SearchQuery("x", null, SearchQuery.maxPage(size) + 1, size, null).page());
        }
        assertEquals(1, new SearchQuery("x", null, Integer.MIN_VALUE, 10, null).page());
    }

    /**
     * A burst of writes leaves many segments, each searched on its own; once the writes stop the index is merged
     * into one, and finds the same as before. Writes that go on keep it from merging meanwhile.
     */
    @Test
    void aBurstOfWritesIsMergedIntoOneSegmentOnceQuiet() throws IOException, InterruptedException {
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < ArticleIndex.BURST / 5 + 1; i++) {
                cut.index(article("a-" + round + "-" + i, "Article " + i, "solar panels on roof number " + i));
            }
            cut.commit();
            cut.refresh();
        }
        int before = cut.segments();
        assertTrue(before > 1, "a burst in five commits leaves several segments: " + before);
        SearchResult found = search("roof number 17");

        cut.compactIfQuiet(); // the first look only sees the burst
        cut.index(article("late", "Late", "one more write"));
        cut.compactIfQuiet(); // not quiet: written to since the last look
        assertTrue(cut.segments() > 1);
        cut.compactIfQuiet(); // quiet now: the merge starts
        for (int i = 0; i < 200 && cut.segments() > 1; i++) {
            Thread.sleep(50);
            cut.compactIfQuiet();
        }

        assertEquals(1, cut.segments());
        // The same articles (these five score the same, and ties fall by the order of the merged documents).
        assertEquals(new java.util.TreeSet<>(slugs(found)), new java.util.TreeSet<>(slugs(search("roof number 17"))));
        assertEquals(found.total(), search("roof number 17").total());
        cut.close();
        cut = open(directory);
        assertEquals(1, cut.segments(), "the merged index was committed");
    }

    /** A link address longer than Lucene's longest term made the whole rebuild fail, and the index stayed empty. */
    @Test
    void aRebuildLeavesOutADocumentItCannotBuildAndIndexesTheRest() throws IOException {
        IndexedArticle poison = new IndexedArticle("poison", "Poison", List.of(), "", "rebuild survives", List.of(), "A", JAN,
                true, "", List.of("/" + "x".repeat(40_000)));
        cut.replaceAll(List.of(article("before", "Before", "rebuild survives"), poison,
                article("after", "After", "rebuild survives")));

        assertEquals(List.of("after", "before"), slugs(search("rebuild survives")).stream().sorted().toList());
    }

    /** {@code (page - 1) * size} overflowed: a negative offset, then an array of ~50 million hits for one request. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {424_496_730, Integer.MAX_VALUE, 1_002, 1_001, 214_748_365, -5, 0,
            Integer.MIN_VALUE})
    void farPagesAreEmptyButKeepTheTotal(int page) throws IOException {
        for (int i = 0; i < 25; i++) {
            cut.index(article("far" + i, "Far " + i, "overflow paging"));
        }
        cut.refresh();

        for (int size : new int[] {1, 10, SearchQuery.MAX_SIZE, Integer.MAX_VALUE}) {
            SearchResult result = cut.search(new SearchQuery("overflow", null, page, size, SearchQuery.Sort.RELEVANCE));
            assertEquals(25, result.total(), "page " + page + " of " + size);
            assertTrue(result.hits().size() <= Math.min(size, SearchQuery.MAX_SIZE), "page " + page + " of " + size);
        }
    }


    @Test
    void anArticleIsReferencedByThePublishedArticlesThatLinkToAnyOfItsAddresses() throws IOException {
        Instant day = Instant.parse("2026-11-01T00:00:00Z");
        add(new IndexedArticle("target", "Target", List.of(), "", "text", List.of(), "", day, true, "", List.of()));
        add(new IndexedArticle("older", "Older citing", List.of(), "", "text", List.of(), "", day.plusSeconds(10), true, "",
                List.of("old-target-slug")));
        add(new IndexedArticle("newer", "Newer citing", List.of(), "", "text", List.of(), "", day.plusSeconds(20), true, "",
                List.of("/target-path", "unrelated")));
        add(new IndexedArticle("draft", "Draft citing", List.of(), "", "text", List.of(), "", day, false, "", List.of("target")));
        add(new IndexedArticle("self", "Self", List.of(), "", "text", List.of(), "", day, true, "", List.of("self")));
        cut.refresh();
        assertEquals(List.of("newer", "older"), cut.linkingTo("target", List.of("target", "old-target-slug", "/target-path"), 10)
                .stream().map(SearchHit::slug).toList(), "newest first; drafts never");
        assertEquals(List.of(), cut.linkingTo("self", List.of("self"), 10), "an article does not reference itself");
    }

    @Test
    void aCommitRemembersTheChangeLogLineTheIndexIsCompleteUpTo() throws IOException {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        try (ArticleIndex index = new ArticleIndex(dir)) {
            assertEquals(-1, index.appliedChanges(), "a new index was never complete");
            index.index(article("a", "A", "text"));
            index.commit(42);
        }
        try (ArticleIndex reopened = new ArticleIndex(dir)) {
            assertEquals(42, reopened.appliedChanges());
            assertEquals(1, reopened.documentCount());
            reopened.replaceAll(List.of(article("b", "B", "text")), 77);
        }
        try (ArticleIndex again = new ArticleIndex(dir)) {
            assertEquals(77, again.appliedChanges());
        }
    }

    @Test
    void theLayoutIsCurrentOnlyAfterACommitOfThisVersion() throws IOException {
        assertFalse(ArticleIndex.isCurrentLayout(new ByteBuffersDirectory()), "empty directory");

        add(article("a", "A", "text"));
        cut.commit();
        assertTrue(ArticleIndex.isCurrentLayout(directory));

        ByteBuffersDirectory older = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(older, new IndexWriterConfig())) {
            Document doc = new Document();
            doc.add(new StringField("slug", "old", Field.Store.YES));
            writer.addDocument(doc);
            writer.setLiveCommitData(Map.of("layout", "0").entrySet());
            writer.commit();
        }
        assertFalse(ArticleIndex.isCurrentLayout(older), "older layout");
    }

    @Test
    void anOutdatedIndexIsDiscardedAndCountsAsCurrentOnlyAfterARebuild() throws IOException {
        ByteBuffersDirectory older = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(older, new IndexWriterConfig())) {
            Document doc = new Document();
            doc.add(new StringField("slug", "old", Field.Store.YES));
            writer.addDocument(doc);
            writer.commit();
        }
        try (ArticleIndex reopened = new ArticleIndex(older)) {
            assertEquals(0, reopened.documentCount());
            reopened.index(article("a", "A", "text"));
            reopened.commit();
            assertFalse(ArticleIndex.isCurrentLayout(older), "a commit before the rebuild does not count");

            reopened.replaceAll(List.of(article("b", "B", "rebuilt text"), new IndexedArticle("d", "Draft",
                    List.of(), "", "rebuilt", List.of(), "A", null, false)));
            assertTrue(ArticleIndex.isCurrentLayout(older));
            assertEquals(1, reopened.documentCount());
            assertEquals(List.of("b"), slugs(reopened.search(SearchQuery.of("rebuilt"))));
        }
    }

    @Test
    void anUnreadableIndexCountsAsOutdated() throws IOException {
        ByteBuffersDirectory corrupt = new ByteBuffersDirectory();
        try (IndexOutput out = corrupt.createOutput("segments_1", IOContext.DEFAULT)) {
            out.writeString("not an index");
        }

        assertFalse(ArticleIndex.isCurrentLayout(corrupt));
        try (ArticleIndex reopened = new ArticleIndex(corrupt)) {
            reopened.replaceAll(List.of(article("a", "A", "text")));
            assertTrue(ArticleIndex.isCurrentLayout(corrupt));
        }
    }

    @Test
    void closingCommitsWhatWasIndexed() throws IOException {
        cut.index(article("kept", "Kept", "durable words"));
        cut.close();
        cut = open(directory);

        assertEquals(List.of("kept"), slugs(search("durable")));
    }

    @Test
    void typingTheStartOfATitleWordSuggestsTheTitle() throws IOException {
        add(new IndexedArticle("dep", "Deployment pipelines", List.of(), "", "x", List.of(), "A", JAN, true),
                new IndexedArticle("mid", "Cheap deployments at home", List.of(), "", "x", List.of(), "A", MAR, true),
                new IndexedArticle("none", "Gardening", List.of(), "", "deployment in the body only", List.of(),
                        "A", MAR, true));

        List<SearchHit> suggestions = cut.suggest("Dep", 10);

        assertEquals(List.of("dep", "mid"), suggestions.stream().map(SearchHit::slug).toList());
        assertEquals("Deployment pipelines", suggestions.get(0).title());
        assertEquals(List.of("mid"), cut.suggest("cheap dep", 10).stream().map(SearchHit::slug).toList());
        assertEquals(1, cut.suggest("dep", 1).size());
        assertEquals(List.of(), cut.suggest("", 10));
    }

    @Test
    void relatedArticlesShareTheTextsMostTellingWordsAndExcludeItself() throws IOException {
        String gpu = "GPU inference clusters need power budgets, cooling and GPU scheduling for inference workloads.";
        add(article("gpu-costs", "GPU costs", gpu + " Power and cooling dominate."),
                article("gpu-scheduling", "Scheduling GPUs", "Scheduling GPU inference workloads across clusters, power aware."),
                article("gardening", "Tomatoes", "Tomatoes need sun, water and patience. Tomatoes love sun."),
                article("baking", "Bread", "Bread needs flour, water and patience."));

        List<String> related = cut.related("gpu-costs", gpu + " " + gpu, 3).stream().map(SearchHit::slug).toList();
        assertFalse(related.isEmpty());
        assertEquals("gpu-scheduling", related.get(0));
        assertFalse(related.contains("gpu-costs"), "never itself");
        assertFalse(related.contains("gardening"));
    }
}
