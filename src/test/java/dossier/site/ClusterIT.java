package dossier.site;

import dossier.testing.Browser;
import dossier.testing.PayaraNode;
import dossier.testing.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dossier.testing.Polling.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two Payara Micro nodes clustered on loopback, one throwaway PostgreSQL, and nginx in front as a round-robin
 * proxy without sticky sessions: the real WAR as operators would run it. The figures it measures go to
 * {@code target/cluster/report.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Logger LOG = Logger.getLogger(ClusterIT.class.getName());
    static final String ADMIN = PayaraNode.ADMIN;
    static final String ADMIN_PASSWORD = PayaraNode.ADMIN_PASSWORD;
    static final String PASSWORD = "a-long-enough-password";
    static final Path DIR = Path.of("target/cluster").toAbsolutePath();
    static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    private PostgresCluster postgres;
    private final List<PayaraNode> nodes = new ArrayList<>();
    private Process nginx;
    private int proxyPort;
    private final List<String> report = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void start() throws Exception {
        Path nginxBinary = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(nginxBinary)) {
            fail("The cluster test needs nginx (Debian package 'nginx'); .ci/run installs it.");
        }
        // A fresh start: indexes and logs of an earlier run belong to another database.
        PayaraNode.clean(DIR);
        postgres = PostgresCluster.start();
        int hz1 = PostgresCluster.freePort();
        int hz2 = PostgresCluster.freePort();
        String members = "127.0.0.1:" + hz1 + ",127.0.0.1:" + hz2;
        Map<String, String> database = Map.of(
                "DOSSIER_DB_DRIVER", "org.postgresql.ds.PGSimpleDataSource",
                "DOSSIER_DB_URL", postgres.jdbcUrl(),
                "DOSSIER_DB_USER", "postgres",
                "DOSSIER_DB_PASSWORD", "unused-with-trust");
        int i = 0;
        for (int hz : new int[] {hz1, hz2}) {
            // --nohostaware: both nodes share an address here, and session backups must live on the other one.
            nodes.add(new PayaraNode(i++ == 0 ? "node-a" : "node-b", DIR, database, List.of(
                    "--clustermode", "tcpip:" + members, "--interfaces", "127.0.0.1", "--startport", String.valueOf(hz),
                    "--clustername", "dossier-it-" + members.hashCode(), "--nohostaware")));
        }
        // One after the other: the first migrates the database and imports the content, the second finds both done.
        for (PayaraNode n : nodes) {
            n.start();
            double seconds = n.awaitReady();
            note("%s ready after %.1f s", n.name(), seconds);
        }
        proxyPort = PostgresCluster.freePort();
        Path conf = DIR.resolve("nginx.conf");
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.writeString(conf, (root ? "user root;\n" : "") + """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/nginx-error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/nginx-body;
                    proxy_temp_path %1$s/nginx-proxy;
                    fastcgi_temp_path %1$s/nginx-fastcgi;
                    uwsgi_temp_path %1$s/nginx-uwsgi;
                    scgi_temp_path %1$s/nginx-scgi;
                    upstream dossier {
                        server 127.0.0.1:%2$d max_fails=1 fail_timeout=3s;
                        server 127.0.0.1:%3$d max_fails=1 fail_timeout=3s;
                        keepalive 32;
                        keepalive_timeout 15s;
                    }
                    server {
                        listen 127.0.0.1:%4$d;
                        client_max_body_size 12m;
                        # The locations that ship (docker/dossier-locations.conf), as they are.
                        include %5$s;
                    }
                }
                """.formatted(DIR, nodes.get(0).port(), nodes.get(1).port(), proxyPort,
                Path.of("docker/dossier-locations.conf").toAbsolutePath()));
        nginx = new ProcessBuilder(nginxBinary.toString(), "-p", DIR.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(DIR.resolve("nginx.out").toFile()))
                .start();
        HttpClient http = HttpClient.newHttpClient();
        assertTrue(eventually(Duration.ofSeconds(10), () -> {
            try {
                return http.send(HttpRequest.newBuilder(proxy("/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        }), "nginx did not answer; see " + DIR.resolve("nginx-error.log"));
    }

    @AfterAll
    void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        for (PayaraNode n : nodes) {
            n.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        Files.write(DIR.resolve("report.txt"), report);
    }

    private URI proxy(String path) {
        return URI.create("http://127.0.0.1:" + proxyPort + path);
    }

    private void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        report.add(line);
        LOG.info(line);
    }

    private Browser viaProxy() {
        return new Browser(proxy("/"));
    }

    private static String word() {
        return "zx" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    @Order(1)
    void aReaderLoggedInThroughTheProxyStaysLoggedInOnBothNodes() throws Exception {
        Browser alice = viaProxy();
        String name = "r" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(303, alice.register(name, PASSWORD).statusCode());
        alice.get("/");
        // Round robin without stickiness: consecutive requests go to alternate nodes.
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> me = alice.json("GET", "/api/me", null, false);
            assertEquals(200, me.statusCode(), "request " + i + " " + me.body());
            assertTrue(me.body().contains(name));
        }
        for (PayaraNode n : nodes) {
            HttpResponse<String> direct = alice.send(alice.request(n.uri("/api/me").toString()).header("Accept", "application/json"),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, direct.statusCode(), "the session is known on " + n.name());
        }
        alice.get("/articles/discussion-load");
        HttpResponse<String> posted = alice.json("POST", "/api/articles/discussion-load/comments",
                "{\"body\":\"Posted through the proxy " + name + "\"}", true);
        assertEquals(201, posted.statusCode(), posted.body());
        for (PayaraNode n : nodes) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(n.uri("/articles/discussion-load")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(page.body().contains("Posted through the proxy " + name), "the comment shows on " + n.name());
        }
    }

    @Test
    @Order(2)
    void failedLoginsCountAcrossNodes() throws Exception {
        String name = "victim" + UUID.randomUUID().toString().substring(0, 6);
        assertEquals(303, viaProxy().register(name, PASSWORD).statusCode());
        for (int i = 0; i < 5; i++) {
            PayaraNode n = nodes.get(i % 2);
            Browser b = new Browser(n.uri("/"));
            assertEquals(401, b.logIn(name, "wrong-password-" + i).statusCode(), "attempt " + i + " on " + n.name());
        }
        for (PayaraNode n : nodes) {
            assertEquals(429, new Browser(n.uri("/")).logIn(name, PASSWORD).statusCode(), "locked on " + n.name() + " too");
        }
    }

    @Test
    @Order(3)
    void anArticlePublishedOnOneNodeIsFoundOnTheOther() throws Exception {
        PayaraNode a = nodes.get(0);
        PayaraNode b = nodes.get(1);
        Browser chief = new Browser(a.uri("/"));
        assertEquals(303, chief.logIn(ADMIN, ADMIN_PASSWORD).statusCode());
        String word = word();
        String slug = "cluster-" + word;
        HttpResponse<String> created = chief.json("POST", "/api/articles", "{\"slug\":\"" + slug + "\",\"title\":\"Across nodes\","
                + "\"markdown\":\"About " + word + ".\",\"status\":\"published\"}", true);
        assertEquals(201, created.statusCode(), created.body());
        long start = System.nanoTime();
        HttpClient http = HttpClient.newHttpClient();
        // node-b applies the change log every 250 ms; how soon it finds the article goes to the report, it is not
        // asserted (a loaded machine is slow: speed is for benchmarks).
        boolean found = eventually(Duration.ofSeconds(30), () -> http.send(HttpRequest.newBuilder(b.uri("/api/search?q=" + word)).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("\"slug\":\"" + slug + "\""));
        double seconds = (System.nanoTime() - start) / 1e9;
        note("published on node-a, found by search on node-b after %.2f s", seconds);
        assertTrue(found, "never found on node-b");
        assertEquals(200, http.send(HttpRequest.newBuilder(b.uri("/articles/" + slug)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    /**
     * Readers and commenters through the proxy until closed, counting what was answered and what failed (with the
     * first failures' statuses, for the report). Commenters are editors' sessions: editors are exempt from the
     * five-a-minute limit of readers. Each reader pauses {@link #pause} ms between requests, a commenter five times
     * as long.
     */
    private final class Load implements AutoCloseable {
        final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        final AtomicInteger readerOk = new AtomicInteger();
        final AtomicInteger readerFailed = new AtomicInteger();
        final AtomicInteger postsFailed = new AtomicInteger();
        final java.util.Queue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final AtomicLong pause = new AtomicLong(20);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService pool = Executors.newFixedThreadPool(6);

        Load() throws Exception {
            List<Browser> commenters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Browser c = viaProxy();
                assertEquals(303, c.logIn(ADMIN, ADMIN_PASSWORD).statusCode());
                c.get("/articles/discussion-load");
                commenters.add(c);
            }
            HttpClient readers = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (int r = 0; r < 3; r++) {
                pool.submit(() -> {
                    while (running.get()) {
                        try {
                            int code = readers.send(HttpRequest.newBuilder(proxy("/articles/discussion-load")).timeout(Duration.ofSeconds(30)).build(),
                                    HttpResponse.BodyHandlers.discarding()).statusCode();
                            if (code == 200) {
                                readerOk.incrementAndGet();
                            } else {
                                failed(readerFailed, "GET " + code);
                            }
                        } catch (IOException e) {
                            failed(readerFailed, "GET " + e);
                        }
                        Thread.sleep(pause.get());
                    }
                    return null;
                });
            }
            for (Browser c : commenters) {
                pool.submit(() -> {
                    int n = 0;
                    while (running.get()) {
                        try {
                            HttpResponse<String> r = c.json("POST", "/api/articles/discussion-load/comments",
                                    "{\"body\":\"Under load " + (n++) + "\"}", true);
                            Matcher m = ID.matcher(r.body());
                            if (r.statusCode() == 201 && m.find()) {
                                acknowledged.add(Long.parseLong(m.group(1)));
                            } else {
                                failed(postsFailed, "POST " + r.statusCode() + " " + r.body().substring(0, Math.min(120, r.body().length())));
                            }
                        } catch (RuntimeException e) {
                            failed(postsFailed, "POST " + e);
                        }
                        Thread.sleep(5 * pause.get());
                    }
                    return null;
                });
            }
        }

        private void failed(AtomicInteger counter, String what) {
            if (counter.incrementAndGet() <= 5) {
                failures.add(what);
            }
        }

        /** Waits until this many more reads were answered and comments acknowledged than when called. */
        boolean goesOn(int reads, int posts, Duration within) throws Exception {
            int read = readerOk.get();
            int posted = acknowledged.size();
            return eventually(within, () -> acknowledged.size() >= posted + posts && readerOk.get() >= read + reads);
        }

        String summary() {
            return String.format(Locale.ROOT, "%d reader requests answered, %d failed; %d comments acknowledged, %d posts failed%s",
                    readerOk.get(), readerFailed.get(), acknowledged.size(), postsFailed.get(),
                    failures.isEmpty() ? "" : " (first failures: " + String.join("; ", failures) + ")");
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test
    @Order(4)
    void killingANodeUnderLoadLosesNoAcknowledgedCommentAndItCatchesUp() throws Exception {
        PayaraNode a = nodes.get(0);
        PayaraNode b = nodes.get(1);
        HttpClient http = HttpClient.newHttpClient();
        String word = word();
        String slug = "catch-up-" + word;
        boolean found;
        double boot;
        double catchUp;
        Load load = new Load();
        try (load) {
            assertTrue(load.goesOn(60, 20, Duration.ofSeconds(60)), "the load is under way before the kill");
            b.kill();
            note("node-b killed with SIGKILL under load");
            assertTrue(load.goesOn(60, 20, Duration.ofSeconds(60)), "readers are answered and comments taken with node-b down");

            // While node-b is down, something is published that its index must catch up with.
            Browser chief = new Browser(a.uri("/"));
            assertEquals(303, chief.logIn(ADMIN, ADMIN_PASSWORD).statusCode());
            assertEquals(201, chief.json("POST", "/api/articles", "{\"slug\":\"" + slug + "\",\"title\":\"Missed while down\","
                    + "\"markdown\":\"About " + word + ".\",\"status\":\"published\"}", true).statusCode());

            // A tenth of the pace while node-b boots (a boot is slow on two busy cores); its port stays closed until then.
            load.pause.set(200);
            b.start();
            boot = b.awaitReady();
            load.pause.set(20);
            long ready = System.nanoTime();
            found = eventually(Duration.ofSeconds(30), () -> http.send(HttpRequest.newBuilder(b.uri("/api/search?q=" + word)).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("\"slug\":\"" + slug + "\""));
            catchUp = (System.nanoTime() - ready) / 1e9;
            assertTrue(load.goesOn(30, 10, Duration.ofSeconds(60)), "the load goes on with node-b back");
        }
        note("node-b restarted: ready after %.1f s, its index had the article published while it was down %.2f s after that",
                boot, catchUp);
        note("under load during the kill and the restart: %s", load.summary());
        assertTrue(found, "node-b caught up with the change it missed");

        Set<Long> stored = dossier.testing.CommentIds.of(http, a.uri("/api/articles/discussion-load/comments"));
        assertTrue(stored.containsAll(load.acknowledged), "every acknowledged comment is stored");
        // Only requests in flight on node-b when it died may fail: nginx sends the rest to node-a, and a POST that
        // was being answered when it died is not sent again.
        assertTrue(load.readerFailed.get() <= 3, load.readerFailed.get() + " reader requests failed");
        assertTrue(load.postsFailed.get() <= 3, load.summary());
    }

    /**
     * Writers on both nodes at once, each through its own node: every comment either node acknowledged is in the
     * thread as each node serves it, with its text, and each node's page of the article counts them all (the kept
     * copy of a page follows a change made on the other node).
     */
    @Test
    @Order(5)
    void commentsPostedThroughEitherNodeAtOnceAreAllShownByBoth() throws Exception {
        PayaraNode a = nodes.get(0);
        String word = word();
        String slug = "both-nodes-" + word;
        Browser chief = new Browser(a.uri("/"));
        assertEquals(303, chief.logIn(ADMIN, ADMIN_PASSWORD).statusCode());
        assertEquals(201, chief.json("POST", "/api/articles", "{\"slug\":\"" + slug + "\",\"title\":\"Written on both nodes\","
                + "\"markdown\":\"About " + word + ".\",\"status\":\"published\"}", true).statusCode());
        HttpClient http = HttpClient.newHttpClient();
        for (PayaraNode n : nodes) {
            // The other node's page is read (and kept) before anything is posted: it must not stay at zero.
            assertEquals("Comments (0)", commentsTitle(http, n, slug), n.name());
        }

        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        java.util.Queue<String> refused = new java.util.concurrent.ConcurrentLinkedQueue<>();
        int perWriter = 15;
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            PayaraNode node = nodes.get(w % 2);
            Browser editor = new Browser(node.uri("/"));
            assertEquals(303, editor.logIn(ADMIN, ADMIN_PASSWORD).statusCode());
            editor.get("/articles/" + slug);
            int writer = w;
            done.add(writers.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    String text = "Through " + node.name() + ", writer " + writer + ", comment " + i + " " + word;
                    HttpResponse<String> r = editor.json("POST", "/api/articles/" + slug + "/comments",
                            "{\"body\":\"" + text + "\"}", true);
                    Matcher m = ID.matcher(r.body());
                    if (r.statusCode() == 201 && m.find()) {
                        acknowledged.put(Long.parseLong(m.group(1)), text);
                    } else {
                        refused.add(node.name() + ": " + r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        writers.shutdown();
        assertEquals(List.of(), List.copyOf(refused), "every post was acknowledged");
        assertEquals(4 * perWriter, acknowledged.size());

        for (PayaraNode n : nodes) {
            URI thread = n.uri("/api/articles/" + slug + "/comments");
            assertEquals(acknowledged.keySet(), dossier.testing.CommentIds.of(http, thread), "the thread as " + n.name() + " serves it");
            String json = http.send(HttpRequest.newBuilder(thread).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String text : acknowledged.values()) {
                assertTrue(json.contains(text), n.name() + " shows \"" + text + "\"");
            }
            String expected = "Comments (" + acknowledged.size() + ")";
            assertTrue(eventually(Duration.ofSeconds(10), () -> expected.equals(commentsTitle(http, n, slug))),
                    n.name() + "'s page of the article says " + commentsTitle(http, n, slug) + ", not " + expected);
        }
    }

    /**
     * An operator restarts a node (SIGTERM, as {@code docker restart} sends, then a new start) while readers read
     * and commenters post through nginx: nothing fails and nothing is lost. The stopping node answers what it took
     * and closes its port; the starting one opens its port only once it can serve, and answers nothing before.
     */
    @Test
    @Order(6)
    void restartingANodeUnderLoadFailsNoRequestAndLosesNoComment() throws Exception {
        PayaraNode a = nodes.get(0);
        PayaraNode b = nodes.get(1);
        HttpClient direct = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        java.util.Queue<Integer> answeredWhileStarting = new java.util.concurrent.ConcurrentLinkedQueue<>();
        double stop;
        double boot;
        Load load = new Load();
        try (load) {
            assertTrue(load.goesOn(60, 20, Duration.ofSeconds(60)), "the load is under way before the restart");
            long stopping = System.nanoTime();
            a.stop();
            stop = (System.nanoTime() - stopping) / 1e9;
            assertTrue(load.goesOn(60, 20, Duration.ofSeconds(60)), "readers are answered and comments taken with node-a stopped");
            load.pause.set(200);
            a.start();
            // Straight to node-a while it starts: a refused connection, or a real answer; never a 404 or a 500.
            AtomicBoolean starting = new AtomicBoolean(true);
            Thread prober = new Thread(() -> {
                while (starting.get()) {
                    try {
                        answeredWhileStarting.add(direct.send(HttpRequest.newBuilder(a.uri("/articles/discussion-load"))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
                    } catch (IOException refused) {
                        // the port is closed: what a starting node should do
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            prober.start();
            boot = a.awaitReady();
            starting.set(false);
            prober.join();
            load.pause.set(20);
            assertTrue(load.goesOn(60, 20, Duration.ofSeconds(60)), "the load goes on with node-a back");
        }
        note("node-a restarted under load (SIGTERM, then started): stopped in %.1f s, ready after %.1f s; %s",
                stop, boot, load.summary());
        assertEquals(List.of(), answeredWhileStarting.stream().filter(code -> code != 200).toList(),
                "what node-a answered before it was ready");
        assertEquals(0, load.readerFailed.get(), load.summary());
        assertEquals(0, load.postsFailed.get(), load.summary());
        Set<Long> stored = dossier.testing.CommentIds.of(direct, b.uri("/api/articles/discussion-load/comments"));
        assertTrue(stored.containsAll(load.acknowledged), "every acknowledged comment is stored");
    }

    /** The heading of an article's discussion as a reader without a session gets the page from one node. */
    private static String commentsTitle(HttpClient http, PayaraNode node, String slug) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(node.uri("/articles/" + slug)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), node.name());
        return org.jsoup.Jsoup.parse(page.body()).select("h2#comments-title").text();
    }
}
