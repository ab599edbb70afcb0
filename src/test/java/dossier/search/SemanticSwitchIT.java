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
        } finally {
            on.stop();
        }
    }
}
