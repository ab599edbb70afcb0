package dossier.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hybrid search with the real model (bge-small-en-v1.5 in ONNX Runtime, loaded once for the class): what a reader
 * who asks in their own words finds, what the operators and drafts do to it, and what an edit costs.
 */
class SemanticSearchTest {

    private static final Instant JAN = Instant.parse("2024-01-15T10:00:00Z");
    private static TextEmbedder model;

    private final PassageVectors vectors = open(new ByteBuffersDirectory());
    private ArticleIndex cut = index(new ByteBuffersDirectory(), vectors);

    @BeforeAll
    static void loadModel() throws IOException {
        model = TextEmbedder.load(1);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @AfterEach
    void close() throws IOException {
        SemanticRanking.exactUpTo = SemanticRanking.EXACT_UP_TO;
        cut.close();
        vectors.close();
    }

    private static PassageVectors open(ByteBuffersDirectory directory) {
        try {
            return new PassageVectors(directory, "bge-small-en-v1.5-q");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArticleIndex index(ByteBuffersDirectory directory, PassageVectors vectors) {
        try {
            return new ArticleIndex(directory, vectors);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IndexedArticle article(String slug, String title, String body, List<String> tags, boolean visible) {
        return new IndexedArticle(slug, title, List.of(), "", body, tags, "Ada Lovelace", JAN, visible);
    }

    private static final IndexedArticle TCO = article("tco", "Total cost of ownership",
            "CapEx covers the purchase of servers with accelerators; OpEx covers electricity, cooling, rack space and"
                    + " staff. Depreciation spreads the purchase over three to five years.", List.of("finance"), true);
    private static final IndexedArticle BREAD = article("bread", "Sourdough at home",
            "A starter of flour and water ferments for a week. Knead the dough, let it rise overnight and bake it in"
                    + " a hot oven until the crust is dark.", List.of("baking"), true);
    private static final IndexedArticle ROSTER = article("roster", "Rostering the night shift",
            "Nurses swap shifts through the ward's rota. A fair rota spreads nights and weekends evenly.",
            List.of("hospital"), true);

    private void add(IndexedArticle... articles) throws IOException {
        for (IndexedArticle article : articles) {
            cut.index(article);
        }
        cut.refresh();
    }

    /** What the background worker does: every passage without a vector gets one. Returns how many were computed. */
    private int embedPending() throws IOException {
        int computed = 0;
        for (List<ArticleIndex.PendingPassage> batch = cut.pending(32); !batch.isEmpty(); batch = cut.pending(32)) {
            Map<ArticleIndex.PendingPassage, float[]> vectorsOf = new LinkedHashMap<>();
            for (ArticleIndex.PendingPassage passage : batch) {
                vectorsOf.put(passage, model.passage(passage.text()));
            }
            cut.attach(vectorsOf);
            computed += batch.size();
        }
        return computed;
    }

    private List<String> hybrid(String text) throws IOException {
        return cut.search(SearchQuery.of(text), model::query).hits().stream().map(SearchHit::slug).toList();
    }

    private List<String> lexical(String text) throws IOException {
        return cut.search(SearchQuery.of(text)).hits().stream().map(SearchHit::slug).toList();
    }

    @Test
    void aQuestionInOtherWordsFindsTheArticle() throws IOException {
        add(TCO, BREAD, ROSTER);
        embedPending();
        String question = "how expensive is buying and running our own GPU machines";

        assertEquals(List.of(), lexical(question), "no word of the question is in any article");
        List<String> found = hybrid(question);
        assertEquals("tco", found.get(0), found.toString());
        assertEquals("bread", hybrid("baking loaves with wild yeast").get(0));
    }

    @Test
    void theBestPassageIsShownWithTheQueryWordsMarked() throws IOException {
        add(TCO, BREAD);
        embedPending();
        SearchHit hit = cut.search(SearchQuery.of("electricity bills of GPU servers"), model::query).hits().get(0);
        assertEquals("tco", hit.slug());
        assertTrue(hit.snippetHtml().contains("<mark>electricity</mark>"), hit.snippetHtml());
    }

    @Test
    void operatorsFilterWhatMeaningFinds() throws IOException {
        add(TCO, BREAD, ROSTER);
        embedPending();
        String question = "how expensive is buying and running our own GPU machines";

        assertFalse(hybrid(question + " -depreciation").contains("tco"), "an excluded word excludes the article");
        assertEquals(List.of("tco"), hybrid(question + " tag:finance"), "a tag keeps to its articles");
        assertEquals(List.of(), hybrid(question + " tag:baking"), "the nearest passage of another tag is not shown");
        assertEquals(List.of("roster"), hybrid(question + " \"fair rota\""), "a phrase must be in the article");
        assertFalse(hybrid(question + " author:nobody").contains("tco"));
    }

    @Test
    void aDraftsPassagesAreNeverFound() throws IOException {
        IndexedArticle draft = article("plans", "Next year's hardware budget",
                "We will buy servers with accelerators and pay for their power and cooling.", List.of(), false);
        add(TCO, BREAD, draft);
        embedPending();
        String question = "what will our future GPU purchases cost";

        assertFalse(hybrid(question).contains("plans"));
        assertEquals(Passages.of(TCO).size() + Passages.of(BREAD).size(), cut.passageCounts().total());

        add(article("plans", "Next year's hardware budget", "Published now: servers, power, cooling.", List.of(), true));
        embedPending();
        assertTrue(hybrid(question).contains("plans"), "published: found");
        add(draft);
        assertFalse(hybrid(question).contains("plans"), "unpublished again: its passages went with it");
        cut.delete("tco");
        cut.refresh();
        assertFalse(hybrid(question).contains("tco"), "deleted: gone");
        assertEquals(Passages.of(BREAD).size(), cut.passageCounts().total(), "no passage left behind");
    }

    @Test
    void anEditReplacesTheChangedPassagesVectorsOnly() throws IOException {
        IndexedArticle two = new IndexedArticle("guide", "Kitchen guide", List.of("Bread", "Soup"), "",
                "Bread Knead the dough and bake it. Soup Simmer vegetables in stock.", List.of(), "Ada", JAN, true);
        add(two, ROSTER);
        assertEquals(3, embedPending());
        assertEquals("guide", hybrid("cooking broth from carrots and leeks").get(0));

        IndexedArticle edited = new IndexedArticle("guide", "Kitchen guide", List.of("Bread", "Soup"), "",
                "Bread Knead the dough and bake it. Soup Negotiating a pay rise with your manager.", List.of(), "Ada",
                JAN, true);
        add(edited);
        assertEquals(1, embedPending(), "only the edited section is embedded again");
        assertEquals("guide", hybrid("asking my boss for a higher salary").get(0), "the new text is found by its meaning");
    }

    @Test
    void whileVectorsAreMissingSearchIsLexicalAndCorrect() throws IOException {
        add(TCO, BREAD, ROSTER);
        assertEquals(3 + 0, cut.passageCounts().total() - cut.passageCounts().embedded());
        for (String query : List.of("servers", "dough oven", "how expensive are GPU machines", "-dough", "tag:baking")) {
            assertEquals(lexical(query), hybrid(query), query);
        }
    }

    @Test
    void vectorsAreKeptAcrossARebuildAndNeverComputedTwice() throws IOException {
        add(TCO, BREAD);
        embedPending();
        cut.close();
        cut = index(new ByteBuffersDirectory(), vectors); // the search index lost, the vector store kept
        cut.replaceAll(List.of(TCO, BREAD, ROSTER));
        assertEquals(Passages.of(ROSTER).size(), embedPending(), "only the new article's passages are embedded");
        assertEquals("tco", hybrid("how expensive is buying and running our own GPU machines").get(0));
    }

    /**
     * The kept vectors of texts no passage has any more (an edited article's old text, a deleted article) are
     * removed once older than the time they are kept; the vectors of today's passages stay, and a text that came
     * back within that time needs no embedding.
     */
    @Test
    void keptVectorsNoPassageUsesAreRemovedOnceOld() throws IOException, InterruptedException {
        add(TCO, BREAD);
        assertEquals(2, embedPending());
        cut.delete("bread");
        add(article("tco", TCO.title(), TCO.body() + " Leasing is a third way.", List.of("finance"), true));
        assertEquals(1, embedPending(), "the edited passage is embedded again");
        assertEquals(3, vectors.size(), "the old text's vector and the deleted article's are kept for now");

        assertEquals(0, cut.pruneVectors(java.time.Duration.ofDays(30)), "younger than 30 days: kept");
        add(BREAD);
        assertEquals(0, embedPending(), "the text came back: its kept vector is used");
        Thread.sleep(5);

        assertEquals(1, cut.pruneVectors(java.time.Duration.ZERO), "only the old text of the edited article");
        assertEquals(2, vectors.size());
        assertEquals(List.of("tco"), hybrid("how expensive is buying and running our own GPU machines").subList(0, 1));
        add(TCO);
        assertEquals(1, embedPending(), "its old text, removed from the store, is embedded again");
    }

    /** An article about the same thing in other words is related by meaning; one about something else is not. */
    @Test
    void relatedArticlesAreFoundByMeaning() throws IOException {
        IndexedArticle budget = article("budget", "Budgeting for in-house inference",
                "Accelerator machines bought outright are a capital outlay written off over several years; power,"
                        + " cooling and the people who run them are recurring bills.", List.of(), true);
        add(TCO, BREAD, ROSTER, budget);
        String text = budget.title() + "\n" + budget.body();
        cut.relatedBy("words");
        List<String> byWords = cut.related("budget", text, 3).stream().map(SearchHit::slug).toList();
        assertFalse(byWords.contains("tco"), "the two share no telling word: " + byWords);

        cut.relatedBy("meaning");
        assertEquals(List.of(), cut.related("budget", text, 3).stream().map(SearchHit::slug).filter("tco"::equals).toList(),
                "without vectors yet, by words");
        embedPending();
        List<String> related = cut.related("budget", text, 3).stream().map(SearchHit::slug).toList();
        assertEquals("tco", related.get(0), related.toString());
        assertFalse(related.contains("bread"), related.toString());
        assertFalse(related.contains("budget"), "never the article itself");
        assertEquals("Total cost of ownership", cut.related("budget", text, 1).get(0).title());
    }

    /** Beyond a few thousand passages the nearest are found through the graph: the same answer on a small site. */
    @Test
    void theGraphSearchFindsWhatTheExactOneFinds() throws IOException {
        add(TCO, BREAD, ROSTER);
        embedPending();
        String question = "how expensive is buying and running our own GPU machines";
        List<String> exact = hybrid(question);

        SemanticRanking.exactUpTo = 0;
        assertEquals(exact, hybrid(question));
        assertEquals("tco", hybrid(question).get(0));
        assertEquals(List.of("bread"), hybrid("baking loaves with wild yeast tag:baking"));
    }

    /**
     * The exact nearest-passage search compares by dot product, which is the cosine only for vectors of length 1:
     * the model's are, passages and queries alike.
     */
    @Test
    void theModelsVectorsHaveLengthOne() {
        for (float[] vector : List.of(model.passage(TCO.body()), model.passage("x"), model.query("how expensive are GPUs"),
                model.query(BREAD.body().repeat(20)))) {
            double squares = 0;
            for (float v : vector) {
                squares += (double) v * v;
            }
            assertEquals(1.0, Math.sqrt(squares), 1e-5);
        }
    }

    /** A mistyped setting stops the start with a message that names it and its values. */
    @Test
    void anUnknownWayOfRelatingIsRefusedByName() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> cut.relatedBy("sideways"));
        assertTrue(refused.getMessage().contains("dossier.search.related is words, meaning or both, not 'sideways'"),
                refused.getMessage());
        cut.relatedBy(" Both ");
    }
}
