package dossier.search;

import static dossier.testing.Polling.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dossier.testing.Browser;
import dossier.testing.Scenarios;
import org.junit.jupiter.api.Test;

/**
 * Semantic search as readers meet it, on the real WAR with the real model: a question asked in other words finds
 * the article, operators still filter, drafts never show, and an edit changes what the article is found for.
 * Embedding runs in the background, so each expectation is waited for.
 */
public abstract class SemanticScenarios extends Scenarios {

    /** Model load and the embedding of the test content, on a busy machine. */
    static final Duration EMBEDDED = Duration.ofSeconds(180);
    /** Shares no word (nor stem) with the article it is meant to find. */
    static final String QUESTION = "hospital staff scheduling for late hours";

    private final HttpClient http = HttpClient.newHttpClient();

    protected SemanticScenarios(URL base) {
        super(base);
    }

    private String search(String query) throws Exception {
        URI uri = base.toURI().resolve("/api/search?limit=10&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String article(String slug, String title, String markdown, String tag, String status, Integer version) {
        return "{\"title\":\"" + title + "\",\"markdown\":\"" + markdown + "\",\"tags\":[\"" + tag + "\"],\"status\":\""
                + status + "\",\"published\":\"2026-03-01\",\"slug\":\"" + slug + "\""
                + (version == null ? "" : ",\"version\":" + version) + "}";
    }

    @Test
    void aQuestionInOtherWordsFindsTheArticleWithinItsOperatorsAndNeverADraft() throws Exception {
        Browser chief = new Browser(base.toURI());
        assertEquals(303, chief.logIn("chief", "chief-editor-secret-42").statusCode());
        String roster = article("night-rostering", "Rostering the night shift",
                "## Rota\\n\\nNurses swap shifts through the ward's rota. A fair rota spreads nights and weekends evenly across the team.",
                "nursing-rota", "published", null);
        assertEquals(201, chief.json("POST", "/api/articles", roster, true).statusCode());
        String draft = article("night-rostering-plans", "Next year's hospital rota",
                "We plan the hospital's night staff scheduling, late hours included, for next year.", "nursing-rota", "draft", null);
        assertEquals(201, chief.json("POST", "/api/articles", draft, true).statusCode());

        assertFalse(search("nurses").contains("night-rostering-plans"), "a draft is not searchable by words");
        assertTrue(eventually(EMBEDDED, () -> search(QUESTION).contains("\"slug\":\"night-rostering\"")),
                "found by meaning: " + search(QUESTION));
        String found = search(QUESTION);
        assertFalse(found.contains("night-rostering-plans"), "a draft's passages are never found: " + found);
        assertTrue(found.contains("Nurses swap shifts"), "the passage that matched is shown: " + found);

        assertFalse(search(QUESTION + " -weekends").contains("\"slug\":\"night-rostering\""), "an excluded word excludes it");
        assertTrue(search(QUESTION + " tag:nursing-rota").contains("\"slug\":\"night-rostering\""), "its own tag keeps it");
        assertFalse(search(QUESTION + " tag:energy").contains("\"slug\":\"night-rostering\""), "another tag filters it out");

        String baking = article("night-rostering", "Rostering the night shift",
                "## Rota\\n\\nA sourdough starter of flour and water ferments for a week; the dough rises overnight and bakes in a hot oven.",
                "nursing-rota", "published", 1);
        HttpResponse<String> edited = chief.json("PUT", "/api/articles/night-rostering", baking, true);
        assertEquals(200, edited.statusCode(), edited.body());
        assertTrue(eventually(EMBEDDED, () -> search("making bread with wild yeast").contains("\"slug\":\"night-rostering\"")),
                "the edited text is found by its meaning");
        assertFalse(search(QUESTION).contains("Nurses swap shifts"), "the old passage is gone: " + search(QUESTION));

        String admin = chief.get("/admin/search").body();
        assertTrue(admin.contains("bge-small-en-v1.5"), "the model in use is shown");
        assertTrue(admin.contains("Passages embedded"), "and the progress");
        assertEquals(204, chief.json("DELETE", "/api/articles/night-rostering", null, true).statusCode());
        assertTrue(eventually(EMBEDDED, () -> !search("making bread with wild yeast").contains("\"slug\":\"night-rostering\"")),
                "deleted: no vector of it is left to find");
    }
}
