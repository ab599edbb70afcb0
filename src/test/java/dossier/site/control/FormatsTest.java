package dossier.site.control;

import dossier.article.entity.Article;
import dossier.article.entity.Body;
import dossier.article.entity.Status;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema.org description an article page carries in a script element. */
class FormatsTest {

    private static Article article(String title, String summary, String author) {
        Instant now = Instant.parse("2026-11-27T14:05:00Z");
        Article a = new Article("a-slug", now);
        a.write(title, "text", new Body("<p>text</p>", List.of(), "text", 1), now);
        a.describe(summary, author);
        a.schedule(Status.PUBLISHED, now);
        return a;
    }

    private static JsonObject parsed(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    @Test
    void describesTheArticleForSearchEngines() {
        String ld = dossier.article.control.StructuredData.jsonLd(article("Total cost", "Why it matters.", null), "https://example.org/articles/a-slug");
        assertTrue(ld.startsWith("{\"@context\":\"https://schema.org\",\"@type\":\"Article\",\"headline\":\"Total cost\""), ld);
        JsonObject json = parsed(ld);
        assertEquals("https://example.org/articles/a-slug", json.getString("url"));
        assertEquals("2026-11-27T14:05:00Z", json.getString("datePublished"));
        assertEquals("Why it matters.", json.getString("description"));
        assertEquals("Dossier", json.getJsonObject("author").getString("name"), "the site when no author is named");
        assertEquals("Organization", json.getJsonObject("author").getString("@type"));
    }

    @Test
    void noTextOfTheArticleCanCloseTheScriptElement() {
        String hostile = "</script><script>alert(1)</script><!-- \"quoted\" \\ & > \u2028\u0001";
        String ld = dossier.article.control.StructuredData.jsonLd(article(hostile, hostile, hostile), "https://example.org/articles/a-slug?a=1&b=<2>");
        assertFalse(ld.contains("<"), ld);
        assertFalse(ld.contains(">"), ld);
        assertFalse(ld.contains("&"), ld);
        assertFalse(ld.contains("\u2028"), ld);
        JsonObject json = parsed(ld);
        assertEquals(hostile, json.getString("headline"), "the same text, only escaped");
        assertEquals(hostile, json.getString("description"));
        assertEquals(hostile, json.getJsonObject("author").getString("name"));
        assertEquals("https://example.org/articles/a-slug?a=1&b=<2>", json.getString("url"));
    }

    @Test
    void anArticleWithoutSummaryHasNoDescription() {
        assertFalse(parsed(dossier.article.control.StructuredData.jsonLd(article("T", null, "Ada"), "https://example.org/")).containsKey("description"));
    }
}
