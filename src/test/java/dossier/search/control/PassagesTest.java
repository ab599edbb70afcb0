package dossier.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class PassagesTest {

    private static IndexedArticle article(List<String> headings, String body, boolean visible) {
        return new IndexedArticle("gpu-costs", "Running models on our GPUs", headings, "", body, List.of(), "Ada",
                Instant.parse("2024-01-15T10:00:00Z"), visible);
    }

    private static String words(String word, int count) {
        return (word + " ").repeat(count).strip();
    }

    @Test
    void eachHeadingSectionIsAPassagePrefixedWithTitleAndHeading() {
        String body = "Why we host it ourselves. Hardware Servers with four cards each. Costs Power and cooling dominate.";
        List<Passages.Passage> passages = Passages.of(article(List.of("Hardware", "Costs"), body, true));

        assertEquals(List.of("Running models on our GPUs. Why we host it ourselves.",
                "Running models on our GPUs \u2014 Hardware. Servers with four cards each.",
                "Running models on our GPUs \u2014 Costs. Power and cooling dominate."),
                passages.stream().map(Passages.Passage::text).toList());
        assertEquals(List.of(0, 1, 2), passages.stream().map(Passages.Passage::ordinal).toList());
    }

    @Test
    void aLongSectionIsCutIntoPassagesOfBoundedLengthAfterASentence() {
        String sentence = words("word", 29) + " end.";
        String body = (sentence + " ").repeat(20).strip(); // 600 words
        List<Passages.Passage> passages = Passages.of(article(List.of(), body, true));

        assertTrue(passages.size() >= 4, "600 words need at least 4 passages of at most " + Passages.MAX_WORDS);
        for (Passages.Passage passage : passages) {
            int count = passage.text().split("\\s+").length;
            assertTrue(count <= Passages.MAX_WORDS, count + " words: " + passage.text());
            assertTrue(passage.text().endsWith("end."), "cut after a sentence: " + passage.text());
        }
        String all = String.join(" ", passages.stream().map(p -> p.text().substring("Running models on our GPUs. ".length())).toList());
        assertEquals(body, all, "no word lost or repeated");
    }

    @Test
    void theHashFollowsTheTextOnly() {
        List<Passages.Passage> before = Passages.of(article(List.of("A", "B"), "A first part. B second part.", true));
        List<Passages.Passage> after = Passages.of(article(List.of("A", "B"), "A first part. B second part, edited.", true));

        assertEquals(before.get(0).hash(), after.get(0).hash(), "an unchanged section keeps its hash");
        assertNotEquals(before.get(1).hash(), after.get(1).hash(), "an edited section gets a new one");
    }

    @Test
    void aDraftHasNoPassages() {
        assertEquals(List.of(), Passages.of(article(List.of(), "Some text.", false)));
    }

    @Test
    void anArticleWithoutBodyIsItsTitle() {
        assertEquals(List.of("Running models on our GPUs"),
                Passages.of(article(List.of(), "", true)).stream().map(Passages.Passage::text).toList());
    }

    @Test
    void aVeryLongArticleHasABoundedNumberOfPassages() {
        String body = words("word", Passages.MAX_WORDS * (Passages.MAX_PASSAGES + 50));
        assertEquals(Passages.MAX_PASSAGES, Passages.of(article(List.of(), body, true)).size());
    }
}
