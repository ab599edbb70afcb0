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
 * edits: after a restart every acknowledged write is there, and search agrees with the database. And the same
 * default backed up and restored as the README tells an operator to: the articles and the uploads come back.
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

    /** Articles in the folder of the background-import test: enough that importing them takes many seconds. */
    static final int BULK = 600;

    static String bulkSlug(int n) {
        return String.format(Locale.ROOT, "bulk-%04d", n);
    }

    /** A long article (about 30 KB of Markdown) with a word only it has. */
    static String bulkArticle(int n) {
        StringBuilder text = new StringBuilder("---\ntitle: Bulk article " + n + "\ntags: [bulk]\n---\n\n"
                + "The word " + word(100_000 + n) + " is in this article only.\n\n");
        for (int section = 0; section < 24; section++) {
            text.append("## Section ").append(section).append("\n\n");
            for (int p = 0; p < 3; p++) {
                text.append("Paragraph ").append(p).append(" of section ").append(section).append(" discusses *deployment*,")
                        .append(" **capacity** and `configuration` of on-premise models, with a [link](/articles/")
                        .append(bulkSlug(n)).append(") and some more words to make the paragraph as long as a real one is.\n\n");
            }
            text.append("- a point\n- another point with `code`\n  - nested\n\n```java\nint x = ").append(section)
                    .append(";\n```\n\n");
        }
        return text.toString();
    }

    private static long listed(HttpClient http, PayaraNode node) throws Exception {
        return http.send(HttpRequest.newBuilder(node.uri("/api/articles?limit=1")).build(), HttpResponse.BodyHandlers.discarding())
                .headers().firstValueAsLong("X-Total-Count").orElse(-1);
    }

    private static long searchable(HttpClient http, PayaraNode node) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.uri("/api/search?q=-zqxjvwk&limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "search answers while the index fills: " + r.body());
        return Long.parseLong(field(r.body(), "total"));
    }

    /**
     * Many articles in the content folder: the site answers its first page before they are all imported, the
     * administrators see how far the import has come (readers do not), a restart in the middle loses nothing and
     * imports nothing twice, and in the end every article is listed and searchable.
     */
    @Test
    void theFirstPageComesBeforeTheImportAndARestartInTheMiddleLosesAndRepeatsNothing() throws Exception {
        Path dir = Path.of("target/import").toAbsolutePath();
        PayaraNode.clean(dir);
        Path content = dir.resolve("content");
        Files.createDirectories(content);
        for (int n = 0; n < BULK; n++) {
            Files.writeString(content.resolve(bulkSlug(n) + ".md"), bulkArticle(n));
        }
        PayaraNode node = new PayaraNode("site", dir, Map.of("DOSSIER_CONTENT_DIR", content.toString()), List.of("--nohazelcast",
                "--postbootcommandfile", Path.of("src/main/payara/single-node.asadmin").toAbsolutePath().toString(),
                "--logproperties", Path.of("src/main/payara/logging.properties").toAbsolutePath().toString()));
        HttpClient http = HttpClient.newHttpClient();
        try {
            node.start();
            node.awaitListening();
            HttpResponse<String> home = http.send(HttpRequest.newBuilder(node.uri("/")).build(), HttpResponse.BodyHandlers.ofString());
            long atFirstPage = listed(http, node);
            assertEquals(200, home.statusCode());
            assertTrue(home.body().contains("Latest analysis"), home.body());
            assertTrue(atFirstPage < BULK, "the first page did not wait for the import: " + atFirstPage + " of " + BULK + " listed");

            Browser chief = new Browser(node.uri("/"));
            assertEquals(303, chief.logIn(PayaraNode.ADMIN, PayaraNode.ADMIN_PASSWORD).statusCode());
            String overview = dossier.testing.Html.text(chief.get("/admin"), ".admin-part:has(a[href=/admin/articles])");
            Matcher progress = Pattern.compile("Importing the content folder: (\\d+) of (\\d+) files, \\d+ files/s").matcher(overview);
            assertTrue(progress.find(), "the administrator sees the import's progress: " + overview);
            assertEquals(String.valueOf(BULK), progress.group(2));
            HttpResponse<String> searchPage = chief.get("/admin/search");
            assertEquals(200, searchPage.statusCode());
            searchable(http, node);

            Browser reader = new Browser(node.uri("/"));
            HttpResponse<String> refused = reader.get("/admin");
            assertTrue(refused.statusCode() == 303 || refused.statusCode() == 401 || refused.statusCode() == 403,
                    "a reader has no overview: " + refused.statusCode());
            assertFalse(refused.body().contains("Importing"), refused.body());
            assertFalse(reader.get("/").body().contains("Importing"), "readers see nothing of the import");

            // A restart (SIGTERM, as an operator's) while the import runs.
            assertTrue(dossier.testing.Html.text(chief.get("/admin"), ".admin-part:has(a[href=/admin/articles])")
                    .contains("Importing the content folder"), "the import still runs when the node is stopped");
            node.stop();
            long beforeRestart = Files.readAllLines(node.log(), java.nio.charset.StandardCharsets.ISO_8859_1).size();
            node.start();
            node.awaitListening();
            assertTrue(eventually(Duration.ofSeconds(300), () -> listed(http, node) == BULK && searchable(http, node) == BULK),
                    "every article arrives and is searchable: " + listed(http, node) + " listed, " + searchable(http, node) + " searchable");
            String last = http.send(HttpRequest.newBuilder(node.uri("/api/search?q=" + word(100_000 + BULK - 1))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(last.contains("\"slug\":\"" + bulkSlug(BULK - 1) + "\""), last);

            // The second start imported the rest only: files stored before the restart were unchanged, none updated.
            node.awaitImported(Duration.ofSeconds(60));
            List<String> log = Files.readAllLines(node.log(), java.nio.charset.StandardCharsets.ISO_8859_1);
            String second = log.subList((int) beforeRestart, log.size()).stream().filter(l -> l.contains("Content import from "))
                    .findFirst().orElseThrow();
            Matcher counts = Pattern.compile("(\\d+) imported \\((\\d+) new, (\\d+) updated\\), (\\d+) unchanged").matcher(second);
            assertTrue(counts.find(), second);
            assertEquals(0, Integer.parseInt(counts.group(3)), "nothing imported twice: " + second);
            assertTrue(Integer.parseInt(counts.group(4)) > 0, "the start before stored some: " + second);
            assertEquals(BULK, Integer.parseInt(counts.group(2)) + Integer.parseInt(counts.group(4)), second);
            Browser admin = new Browser(node.uri("/")); // sessions live in memory: the restart ended the first one
            assertEquals(303, admin.logIn(PayaraNode.ADMIN, PayaraNode.ADMIN_PASSWORD).statusCode());
            for (String slug : List.of(bulkSlug(0), bulkSlug(BULK - 1))) {
                HttpResponse<String> revisions = admin.json("GET", "/api/articles/" + slug + "/revisions", null, false);
                assertEquals(200, revisions.statusCode(), revisions.body());
                assertEquals(1, revisions.body().split("\"number\"", -1).length - 1, "one revision of " + slug + ": " + revisions.body());
            }
            assertTrue(dossier.testing.Html.text(admin.get("/admin"), ".admin-part:has(a[href=/admin/articles])")
                    .contains("Content folder imported: " + BULK + " files in "), "the overview says the import is done");
            LOG.info(String.format(Locale.ROOT, "import: %d of %d articles listed at the first page; %s", atFirstPage, BULK, second));
        } finally {
            node.stop();
        }
    }

    /** A value of a JSON object, as a string ("" when absent). */
    private static String field(String json, String name) {
        jakarta.json.JsonObject object = jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject();
        return object.containsKey(name) ? object.get(name).toString().replaceAll("^\"|\"$", "") : "";
    }

    private static HttpResponse<String> upload(Browser b, String name, byte[] file) {
        return b.send(b.request("/api/media?name=" + name).header("Accept", "application/json")
                .header("X-CSRF-Token", b.csrfToken()).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> download(PayaraNode node, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aBackupRestoredBringsBackTheArticlesAndTheUploads() throws Exception {
        Path dir = Path.of("target/restore").toAbsolutePath();
        PayaraNode.clean(dir);
        // Scheduled backups every 10 seconds, the newest 2 kept: the schedule runs beside the test.
        PayaraNode node = new PayaraNode("site", dir, Map.of("DOSSIER_BACKUP_INTERVAL", "PT10S", "DOSSIER_BACKUP_KEEP", "2"),
                List.of("--nohazelcast", "--postbootcommandfile", Path.of("src/main/payara/single-node.asadmin").toAbsolutePath().toString(),
                        "--logproperties", Path.of("src/main/payara/logging.properties").toAbsolutePath().toString()));
        Path data = dir.resolve(node.name());
        try {
            node.start();
            node.awaitReady();
            Browser chief = new Browser(node.uri("/"));
            assertEquals(303, chief.logIn(PayaraNode.ADMIN, PayaraNode.ADMIN_PASSWORD).statusCode());
            byte[] picture = dossier.media.control.MediaSamples.unique(dossier.media.control.MediaSamples.png());
            HttpResponse<String> uploaded = upload(chief, "backed-up.png", picture);
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            String pictureUrl = field(uploaded.body(), "url");
            HttpResponse<String> kept = chief.json("POST", "/api/articles", "{\"slug\":\"restore-kept\",\"title\":\"Kept by the backup\","
                    + "\"markdown\":\"Before the backup. ![a picture](" + pictureUrl + ")\",\"status\":\"published\"}", true);
            assertEquals(201, kept.statusCode(), kept.body());
            assertEquals(201, chief.json("POST", "/api/articles", "{\"slug\":\"restore-deleted\",\"title\":\"Deleted after the backup\","
                    + "\"markdown\":\"Soon gone.\",\"status\":\"published\"}", true).statusCode());

            // An administrator's backup, from the page, with the page's CSRF token.
            chief.get("/admin/backup");
            HttpResponse<String> made = chief.submit("/admin/backup");
            assertEquals(200, made.statusCode(), made.body());
            Matcher name = Pattern.compile("dossier-\\d{8}-\\d{6}(-\\d+)?-manual\\.zip").matcher(made.body());
            assertTrue(name.find() && made.body().contains("Backup written"), made.body());
            String archive = name.group();

            // Life goes on: an edit, a deletion, another upload.
            HttpResponse<String> edited = chief.json("PUT", "/api/articles/restore-kept", "{\"title\":\"Kept by the backup\","
                    + "\"markdown\":\"Edited after the backup.\",\"status\":\"published\",\"version\":" + field(kept.body(), "version") + "}", true);
            assertEquals(200, edited.statusCode(), edited.body());
            assertEquals(204, chief.json("DELETE", "/api/articles/restore-deleted", null, true).statusCode());
            HttpResponse<String> later = upload(chief, "after.png", dossier.media.control.MediaSamples.unique(dossier.media.control.MediaSamples.png()));
            assertEquals(201, later.statusCode(), later.body());
            String laterUrl = field(later.body(), "url");

            // Meanwhile the schedule: a third scheduled backup deletes the oldest, and the page shows two and the last one.
            assertTrue(eventually(Duration.ofSeconds(120), () -> Files.readString(node.log()).contains("Deleted the backup")),
                    "scheduled backups run and the oldest beyond 2 are deleted");
            HttpResponse<String> page = chief.get("/admin/backup");
            List<String> listed = dossier.testing.Html.select(page, "table.backups td:first-child").eachText();
            assertEquals(2, listed.stream().filter(n -> n.endsWith("-scheduled.zip")).count(), "listed: " + listed);
            assertTrue(listed.contains(archive), "the one made by hand is kept: " + listed);
            assertTrue(page.body().contains("every 10 seconds, keeping the newest 2") && page.body().contains("written, dossier-"), page.body());
            assertTrue(dossier.testing.Html.text(chief.get("/admin"), ".admin-part:has(a[href=/admin/backup])").contains("newest: just now"));

            // The operator's restore, as the README says: stop, name the archive in restore-from, start.
            node.stop();
            PayaraNode.clean(data.resolve("media")); // and the uploads folder is lost, too
            Files.writeString(data.resolve("restore-from"), "backups/" + archive + "\n");
            node.start();
            double restart = node.awaitReady();

            HttpClient http = HttpClient.newHttpClient();
            String article = http.send(HttpRequest.newBuilder(node.uri("/api/articles/restore-kept")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(article.contains("Before the backup.") && !article.contains("Edited after"), article);
            assertEquals(200, http.send(HttpRequest.newBuilder(node.uri("/api/articles/restore-deleted")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), "the article deleted after the backup is back");
            HttpResponse<byte[]> back = download(node, pictureUrl);
            assertEquals(200, back.statusCode());
            org.junit.jupiter.api.Assertions.assertArrayEquals(picture, back.body(), "the upload, byte for byte");
            assertEquals(404, download(node, laterUrl).statusCode(), "the upload made after the backup is not in it");
            assertTrue(eventually(Duration.ofSeconds(60), () -> http.send(HttpRequest.newBuilder(node.uri("/api/search?q=before+backup")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("\"slug\":\"restore-kept\"")), "search is rebuilt from the restored data");
            assertFalse(Files.exists(data.resolve("restore-from")), "done once");
            assertTrue(Files.readString(node.log()).contains("Restored the backup"));
            try (var saved = Files.list(data.resolve("backups"))) {
                assertEquals(1, saved.filter(p -> p.getFileName().toString().endsWith("-before-restore.zip")).count(),
                        "the database it replaced is saved as an archive");
            }
            Browser admin = new Browser(node.uri("/"));
            assertEquals(303, admin.logIn(PayaraNode.ADMIN, PayaraNode.ADMIN_PASSWORD).statusCode());
            assertTrue(admin.get("/admin/audit").body().contains("backup.restore"), "the audit log says so");
            String line = String.format(Locale.ROOT, "restore: %s (%d bytes) put back; restart with the restore %.1f s", archive,
                    Files.size(data.resolve("backups").resolve(archive)), restart);
            LOG.info(line);
            Files.writeString(dir.resolve("report.txt"), line + "\n");
        } finally {
            node.stop();
        }
    }
}
