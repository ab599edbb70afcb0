package dossier.site;

import dossier.testing.Browser;
import dossier.testing.PayaraNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dossier.testing.Polling.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded default (H2 in the data folder) killed with SIGKILL in the middle of comment posts and article
 * edits: after a restart every acknowledged write is there, and search agrees with the database.
 */
class CrashIT {

    private static final Logger LOG = Logger.getLogger(CrashIT.class.getName());
    static final Path DIR = Path.of("target/crash").toAbsolutePath();
    static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    static final Pattern EDIT = Pattern.compile("edit number (\\d+)");

    /** A word only this edit's text has, unlike any other edit's (search forgives typos). */
    static String word(int edit) {
        return "cw" + java.util.HexFormat.of().toHexDigits(Integer.reverse(edit * 0x9E3779B9 + 7));
    }

    /**
     * Started as in production, the console says what an operator needs in a few lines: where the site is, its data
     * and its database; no certificate dumps, no warnings about settings that resolve a moment later.
     */
    private static void assertQuietStart(PayaraNode node) throws Exception {
        List<String> console = java.nio.file.Files.readAllLines(node.log());
        assertTrue(console.size() <= 40, console.size() + " lines at start:\n" + String.join("\n", console));
        assertTrue(console.stream().anyMatch(l -> l.contains("Dossier is ready at ") && l.contains("database ")),
                "the banner: " + console);
        for (String noise : List.of("has expired", "no value found", "-----BEGIN", "Boot Command")) {
            assertTrue(console.stream().noneMatch(l -> l.contains(noise)), noise + " in " + console);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKill() throws Exception {
        PayaraNode.clean(DIR);
        // Started as a single node is in production (pom.xml, Dockerfile): no data grid, sessions in memory.
        PayaraNode node = new PayaraNode("single", DIR, Map.of(), List.of("--nohazelcast", "--postbootcommandfile",
                Path.of("src/main/payara/single-node.asadmin").toAbsolutePath().toString(),
                "--logproperties", Path.of("src/main/payara/logging.properties").toAbsolutePath().toString()));
        try {
            node.start();
            node.awaitReady();
            assertQuietStart(node);
            String slug = "crash-edited";
            Browser chief = new Browser(node.uri("/"));
            assertEquals(303, chief.logIn(PayaraNode.ADMIN, PayaraNode.ADMIN_PASSWORD).statusCode());
            HttpResponse<String> created = chief.json("POST", "/api/articles", "{\"slug\":\"" + slug
                    + "\",\"title\":\"Edited until the crash\",\"markdown\":\"edit number 0 " + word(0) + "\",\"status\":\"published\"}", true);
            assertEquals(201, created.statusCode(), created.body());

            Set<Long> acknowledgedComments = ConcurrentHashMap.newKeySet();
            AtomicInteger lastAcknowledgedEdit = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(3);
            for (int w = 0; w < 2; w++) {
                Browser commenter = new Browser(node.uri("/"));
                assertEquals(303, commenter.logIn(PayaraNode.ADMIN, PayaraNode.ADMIN_PASSWORD).statusCode());
                commenter.get("/articles/discussion-load");
                writers.submit(() -> {
                    int n = 0;
                    while (running.get()) {
                        try {
                            HttpResponse<String> r = commenter.json("POST", "/api/articles/discussion-load/comments",
                                    "{\"body\":\"Before the crash " + (n++) + "\"}", true);
                            Matcher m = ID.matcher(r.body());
                            if (r.statusCode() == 201 && m.find()) {
                                acknowledgedComments.add(Long.parseLong(m.group(1)));
                            }
                        } catch (RuntimeException e) {
                            failures.incrementAndGet(); // the kill cuts requests in flight
                        }
                    }
                    return null;
                });
            }
            writers.submit(() -> {
                Matcher v = VERSION.matcher(created.body());
                int version = v.find() ? Integer.parseInt(v.group(1)) : 0;
                for (int edit = 1; running.get(); edit++) {
                    try {
                        HttpResponse<String> r = chief.json("PUT", "/api/articles/" + slug, "{\"title\":\"Edited until the crash\","
                                + "\"markdown\":\"edit number " + edit + " " + word(edit) + "\",\"status\":\"published\",\"version\":"
                                + version + "}", true);
                        Matcher m = VERSION.matcher(r.body());
                        if (r.statusCode() == 200 && m.find()) {
                            version = Integer.parseInt(m.group(1));
                            lastAcknowledgedEdit.set(edit);
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            });
            // Writes go on until enough of both kinds are acknowledged, however slow the machine is today.
            assertTrue(eventually(Duration.ofSeconds(120), () -> acknowledgedComments.size() > 20 && lastAcknowledgedEdit.get() > 8),
                    "writes are acknowledged before the kill");
            assertFalse(Files.readString(node.log()).contains("Hazelcast is not enabled"),
                    "sessions stay in memory: no request tried to save its session to a data grid that is not there");
            node.kill();
            running.set(false);
            writers.shutdown();
            assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));

            node.start();
            double restart = node.awaitReady();
            HttpClient http = HttpClient.newHttpClient();
            Set<Long> stored = dossier.testing.CommentIds.of(http, node.uri("/api/articles/discussion-load/comments"));
            String article = http.send(HttpRequest.newBuilder(node.uri("/api/articles/" + slug)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher e = EDIT.matcher(article);
            assertTrue(e.find(), article);
            int storedEdit = Integer.parseInt(e.group(1));
            long missing = acknowledgedComments.stream().filter(id -> !stored.contains(id)).count();
            String line = String.format(Locale.ROOT, "crash: %d comments and %d edits acknowledged before SIGKILL, %d requests"
                            + " cut; after a restart of %.1f s: %d of those comments missing, article at edit %d",
                    acknowledgedComments.size(), lastAcknowledgedEdit.get(), failures.get(), restart, missing, storedEdit);
            LOG.info(line);
            Files.writeString(DIR.resolve("report.txt"), line + "\n");

            assertTrue(acknowledgedComments.size() > 10 && lastAcknowledgedEdit.get() > 5, "writes went on before the kill: " + line);
            assertEquals(0, missing, "every acknowledged comment is stored: " + line);
            assertTrue(storedEdit >= lastAcknowledgedEdit.get(), "the last acknowledged edit (or a later one) is stored: " + line);

            // Search agrees with the database: the stored text is found, an older one is not.
            String word = word(storedEdit);
            assertTrue(eventually(Duration.ofSeconds(5), () -> http.send(HttpRequest.newBuilder(node.uri("/api/search?q=" + word)).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("\"slug\":\"" + slug + "\"")),
                    "search finds the stored text " + word);
            String older = http.send(HttpRequest.newBuilder(node.uri("/api/search?q=" + word(storedEdit - 1))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(!older.contains("\"slug\":\"" + slug + "\""), "search no longer finds the text before it");
        } finally {
            node.stop();
        }
    }
}
