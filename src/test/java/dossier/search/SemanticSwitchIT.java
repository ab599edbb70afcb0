package dossier.search;

import static dossier.testing.Polling.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dossier.testing.Browser;
import dossier.testing.PayaraNode;
import org.junit.jupiter.api.Test;

/**
 * {@code dossier.search.semantic=false}: search is lexical, and the model is never loaded, which a reader of the
 * process's memory map sees (no ONNX Runtime, no tokenizer library). Switched on with the same data folder, the
 * index is rebuilt with passages and the model is loaded: the same check, failing the other way.
 */
class SemanticSwitchIT {

    static final Path DIR = Path.of("target/semantic-switch").toAbsolutePath();

    private static boolean modelLoaded(PayaraNode node) throws IOException {
        String maps = Files.readString(Path.of("/proc/" + node.pid() + "/maps"));
        return maps.contains("onnxruntime") || maps.contains("tokenizers");
    }

    @Test
    void switchedOffNoModelIsLoadedAndSearchIsLexical() throws Exception {
        PayaraNode.clean(DIR);
        List<String> single = List.of("--nohazelcast", "--postbootcommandfile",
                Path.of("src/main/payara/single-node.asadmin").toAbsolutePath().toString());
        PayaraNode off = new PayaraNode("site", DIR, Map.of("DOSSIER_SEARCH_SEMANTIC", "false"), single);
        try {
            off.start();
            off.awaitReady();
            Browser chief = new Browser(off.uri("/"));
            assertEquals(303, chief.logIn(PayaraNode.ADMIN, PayaraNode.ADMIN_PASSWORD).statusCode());
            assertTrue(chief.get("/admin/search").body().contains("ranked by words only"), "the page says it is off");
            Browser reader = new Browser(off.uri("/"));
            assertTrue(reader.get("/search?q=annealing").body().contains("search-target"), "lexical search works");
            assertFalse(eventually(Duration.ofSeconds(10), () -> modelLoaded(off)), "no model in the process");
            assertFalse(Files.exists(DIR.resolve("site").resolve("vectors")), "no vector store");
        } finally {
            off.stop();
        }

        PayaraNode on = new PayaraNode("site", DIR, Map.of("DOSSIER_SEARCH_SEMANTIC", "true"), single);
        try {
            on.start();
            on.awaitReady();
            assertTrue(eventually(Duration.ofSeconds(120), () -> modelLoaded(on)), "switched on: the model is loaded");
            Browser chief = new Browser(on.uri("/"));
            assertEquals(303, chief.logIn(PayaraNode.ADMIN, PayaraNode.ADMIN_PASSWORD).statusCode());
            assertTrue(eventually(Duration.ofSeconds(120), () -> chief.get("/admin/search").body().contains(": ready")),
                    "and ready: " + chief.get("/admin/search").body());
            // An article of 80 sections gives the model several seconds of work: an operator's stop meanwhile must
            // not crash the JVM in the model's native code (it did: the JVM's exit ran under the embedding thread).
            StringBuilder sections = new StringBuilder();
            for (int i = 1; i <= 80; i++) {
                sections.append("## Harbour ").append(i).append("\\n\\n");
                for (int line = 1; line <= 4; line++) {
                    sections.append("Cranes, tides and ledgers of berth ").append(i).append(", shift ").append(line)
                            .append(": the night crew counts containers and writes down what the ships carried. ");
                }
                sections.append("\\n\\n");
            }
            String article = "{\"title\":\"Harbour ledgers\",\"markdown\":\"" + sections + "\",\"tags\":[\"energy\"],"
                    + "\"status\":\"published\",\"published\":\"2026-03-02\",\"slug\":\"harbour-ledgers\"}";
            assertEquals(201, chief.json("POST", "/api/articles", article, true).statusCode());
            assertTrue(eventually(Duration.ofSeconds(60), () -> chief.get("/admin/search").body().matches("(?s).*\\([1-9][0-9]* to do\\).*")),
                    "passages waiting for their vectors: " + chief.get("/admin/search").body());
        } finally {
            on.stop();
        }
        assertEquals(143, on.exitCode(), "a clean stop on SIGTERM, no crash");
        assertFalse(Files.exists(Path.of("hs_err_pid" + on.pid() + ".log")), "no crash report");
    }
}
