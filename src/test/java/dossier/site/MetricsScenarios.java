package dossier.site;

import dossier.testing.Browser;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dossier.testing.Polling.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator's Prometheus reads at {@code /metrics}: the text is parsed line by line (every line must be a
 * comment, a {@code # TYPE}/{@code # HELP} line or a sample), and the counts are read before and after what a reader,
 * a searcher or someone logging in does, so each test sees exactly its own requests move them. The scenarios run one
 * after another against the one server, and nothing else sends it requests meanwhile.
 */
@RunAsClient
public abstract class MetricsScenarios extends dossier.testing.Scenarios {

    static final String ARTICLE = "/articles/metrics-counted";
    static final String PASSWORD = "a-long-enough-password";

    protected MetricsScenarios(URL base) {
        super(base);
    }

    /** One sample: a metric's name, its labels and its value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A scrape, parsed: the samples in order and the type each family was declared with. */
    record Exposition(List<Sample> samples, Map<String, String> types) {

        private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
        private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*)( .*)?");
        private static final Pattern SAMPLE = Pattern.compile(
                "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? ([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|Inf|NaN))( -?[0-9]+)?");
        private static final Pattern LABEL = Pattern.compile("\\G([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\",?");

        /** Parses Prometheus' text format (0.0.4); any line that is none of its kinds fails the test. */
        static Exposition parse(String text) {
            List<Sample> samples = new ArrayList<>();
            Map<String, String> types = new HashMap<>();
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher type = TYPE.matcher(line);
                if (type.matches()) {
                    assertTrue(types.put(type.group(1), type.group(2)) == null, "one TYPE line per family: " + line);
                    continue;
                }
                if (HELP.matcher(line).matches()) {
                    continue;
                }
                assertFalse(line.startsWith("#") && (line.startsWith("# TYPE") || line.startsWith("# HELP")), "malformed: " + line);
                if (line.startsWith("#")) {
                    continue;
                }
                Matcher sample = SAMPLE.matcher(line);
                assertTrue(sample.matches(), "not a sample line: " + line);
                Map<String, String> labels = new LinkedHashMap<>();
                if (sample.group(3) != null && !sample.group(3).isEmpty()) {
                    Matcher label = LABEL.matcher(sample.group(3));
                    int end = 0;
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\"));
                        end = label.end();
                    }
                    assertEquals(sample.group(3).length(), end, "labels that do not parse: " + line);
                }
                String value = sample.group(4);
                samples.add(new Sample(sample.group(1), labels, value.endsWith("Inf")
                        ? (value.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : Double.parseDouble(value)));
            }
            return new Exposition(samples, types);
        }

        /** The value of the one sample of this name whose labels include these (pairs of name and value); 0 when absent. */
        double value(String name, String... labels) {
            List<Sample> found = find(name, labels);
            assertTrue(found.size() <= 1, "one series expected for " + name + " " + List.of(labels) + ": " + found);
            return found.isEmpty() ? 0 : found.get(0).value();
        }

        boolean has(String name, String... labels) {
            return !find(name, labels).isEmpty();
        }

        List<Sample> find(String name, String... labels) {
            List<Sample> found = new ArrayList<>();
            for (Sample s : samples) {
                boolean match = s.name().equals(name);
                for (int i = 0; match && i < labels.length; i += 2) {
                    match = labels[i + 1].equals(s.labels().get(labels[i]));
                }
                if (match) {
                    found.add(s);
                }
            }
            return found;
        }
    }

    /** Reads {@code /metrics} as Prometheus does (without cookies), checking it is served without a session. */
    private Exposition scrape() throws Exception {
        Browser prometheus = visitor();
        HttpResponse<String> answer = prometheus.send(prometheus.request("/metrics").header("Accept", "text/plain").GET(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                answer.headers().toString());
        assertTrue(answer.headers().allValues("Set-Cookie").isEmpty(), "a scrape makes no session: " + answer.headers());
        return Exposition.parse(answer.body());
    }

    private static String[] requests(String route, String status) {
        return new String[]{"route", route, "status", status};
    }

    @Test
    void everyFigureTheReadmeListsIsServedTypedAndDescribed() throws Exception {
        Exposition metrics = scrape();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("dossier_requests_total", "counter");
        expected.put("dossier_requests_seconds_total", "counter");
        expected.put("dossier_requests_seconds_bucket_total", "counter");
        expected.put("dossier_searches_total", "counter");
        expected.put("dossier_searches_seconds_total", "counter");
        expected.put("dossier_searches_seconds_bucket_total", "counter");
        expected.put("dossier_index_documents", "gauge");
        expected.put("dossier_index_lag_lines", "gauge");
        expected.put("dossier_index_segments", "gauge");
        expected.put("dossier_page_cache_hits_total", "counter");
        expected.put("dossier_page_cache_misses_total", "counter");
        expected.put("dossier_comments_posted_total", "counter");
        expected.put("dossier_comments_held_total", "counter");
        expected.put("dossier_comments_reported_total", "counter");
        expected.put("dossier_logins_total", "counter");
        expected.put("dossier_db_pool_connections", "gauge");
        expected.put("dossier_db_pool_max_connections", "gauge");
        expected.put("dossier_db_pool_waiting_threads", "gauge");
        expected.put("dossier_mail_outbox_pending", "gauge");
        expected.put("dossier_mail_outbox_failed", "gauge");
        expected.put("dossier_mail_sent_total", "counter");
        expected.put("dossier_mail_failures_total", "counter");
        expected.forEach((name, type) -> {
            assertEquals(type, metrics.types().get(name), name + " is declared a " + type);
            assertTrue(metrics.has(name), name + " has a sample");
        });
        for (String outcome : List.of("succeeded", "failed", "throttled", "unavailable")) {
            assertTrue(metrics.has("dossier_logins_total", "outcome", outcome), "every outcome from the start: " + outcome);
        }
        for (String region : List.of("pages", "searches")) {
            assertTrue(metrics.has("dossier_page_cache_hits_total", "region", region), region);
        }
        assertTrue(metrics.value("dossier_index_documents") > 0, "the shipped content is indexed");
        assertTrue(metrics.value("dossier_index_lag_lines") >= 0);
        assertTrue(metrics.value("dossier_index_segments") >= 1, "the index has at least one segment");
        double max = metrics.value("dossier_db_pool_max_connections");
        double inUse = metrics.value("dossier_db_pool_connections", "state", "in_use");
        double free = metrics.value("dossier_db_pool_connections", "state", "free");
        assertEquals(32, max, "the pool DossierApplication defines");
        assertTrue(inUse >= 0 && free >= 0 && inUse + free <= max, "in use " + inUse + ", free " + free);
        assertTrue(inUse + free > 0, "the pool is open: the site has used the database");
        assertEquals(0, metrics.value("dossier_db_pool_waiting_threads"));
        for (Sample s : metrics.samples()) {
            if (s.name().startsWith("dossier_")) {
                assertEquals("application", s.labels().get("mp_scope"), s.toString());
            }
        }
        assertTrue(metrics.samples().stream().anyMatch(s -> "base".equals(s.labels().get("mp_scope"))),
                "the platform's own figures (heap, threads) are still served beside the site's");
    }

    @Test
    void pageRequestsAreCountedUnderTheirRouteTemplateAlsoWhenAnsweredFromMemory() throws Exception {
        Browser reader = visitor();
        assertEquals(200, reader.get(ARTICLE).statusCode(), "the article exists");
        Exposition before = scrape();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, visitor().get(ARTICLE).statusCode());
        }
        assertEquals(404, visitor().get("/articles/metrics-no-such-article").statusCode());
        Exposition after = scrape();

        String[] ok = requests("/articles/{slug}", "2xx");
        assertEquals(3, after.value("dossier_requests_total", ok) - before.value("dossier_requests_total", ok),
                "three readers of a page kept in memory, each counted once");
        String[] missing = requests("/articles/{slug}", "4xx");
        assertEquals(1, after.value("dossier_requests_total", missing) - before.value("dossier_requests_total", missing));
        for (String le : List.of("10", "+Inf")) {
            String[] bucket = {"route", "/articles/{slug}", "status", "2xx", "le", le};
            assertEquals(3, after.value("dossier_requests_seconds_bucket_total", bucket)
                    - before.value("dossier_requests_seconds_bucket_total", bucket), "le=" + le);
        }
        double seconds = after.value("dossier_requests_seconds_total", ok) - before.value("dossier_requests_seconds_total", ok);
        assertTrue(seconds > 0 && seconds < 30, "their time together, in seconds: " + seconds);
        double fastest = after.value("dossier_requests_seconds_bucket_total", "route", "/articles/{slug}", "status", "2xx", "le", "0.005");
        assertTrue(fastest <= after.value("dossier_requests_seconds_bucket_total", "route", "/articles/{slug}", "status", "2xx", "le", "+Inf"),
                "buckets are cumulative");

        double hits = after.value("dossier_page_cache_hits_total", "region", "pages") - before.value("dossier_page_cache_hits_total", "region", "pages");
        double misses = after.value("dossier_page_cache_misses_total", "region", "pages") - before.value("dossier_page_cache_misses_total", "region", "pages");
        assertEquals(3, hits + misses, "each reader's page is one look-up of the page cache");
        assertTrue(hits >= 2, "read before, the page was kept: " + hits + " hits, " + misses + " misses");
    }

    @Test
    void whatAStrangerTypesNeverBecomesASeries() throws Exception {
        String made = "metrics-" + UUID.randomUUID().toString().replace("-", "");
        Exposition before = scrape();
        Browser stranger = visitor();
        assertEquals(404, stranger.get("/" + made).statusCode());
        assertEquals(404, stranger.get("/" + made + "/deeper/still?" + made + "=" + made).statusCode());
        assertEquals(404, stranger.get("/assets/" + made + ".css").statusCode());
        int refused = stranger.post("/" + made, Map.of("x", made)).statusCode();
        assertTrue(refused >= 400 && refused < 500, "refused: " + refused);
        Exposition after = scrape();

        for (Sample s : after.samples()) {
            assertFalse(s.toString().contains(made), "nothing of the address asked for: " + s);
        }
        String[] alias = requests("/{alias}", "4xx");
        assertEquals(2, after.value("dossier_requests_total", alias) - before.value("dossier_requests_total", alias),
                "unknown addresses are the alias route's 404s");
        String[] asset = requests("/assets/{name}", "4xx");
        assertEquals(1, after.value("dossier_requests_total", asset) - before.value("dossier_requests_total", asset));
        Set<String> routesBefore = routes(before);
        Set<String> routesAfter = routes(after);
        routesAfter.removeAll(routesBefore);
        assertTrue(routesAfter.stream().allMatch(r -> r.startsWith("/") && !r.contains(made) || r.equals("unmatched")),
                "new routes are templates: " + routesAfter);
    }

    private static Set<String> routes(Exposition metrics) {
        Set<String> routes = new java.util.TreeSet<>();
        for (Sample s : metrics.find("dossier_requests_total")) {
            routes.add(s.labels().get("route"));
        }
        return routes;
    }

    @Test
    void aNewSearchIsTimedOnceAndItsRepeatIsAnsweredFromMemory() throws Exception {
        String word = "metricsword" + UUID.randomUUID().toString().substring(0, 8);
        Exposition before = scrape();
        assertEquals(200, visitor().get("/search?q=" + word).statusCode());
        Exposition between = scrape();
        assertEquals(200, visitor().get("/search?q=" + word).statusCode());
        Exposition after = scrape();

        assertEquals(1, between.value("dossier_searches_total") - before.value("dossier_searches_total"), "the index answered once");
        assertEquals(1, between.value("dossier_searches_seconds_bucket_total", "le", "+Inf")
                - before.value("dossier_searches_seconds_bucket_total", "le", "+Inf"));
        assertTrue(between.value("dossier_searches_seconds_total") > before.value("dossier_searches_seconds_total"));
        assertEquals(1, between.value("dossier_page_cache_misses_total", "region", "searches")
                - before.value("dossier_page_cache_misses_total", "region", "searches"));
        assertEquals(0, after.value("dossier_searches_total") - between.value("dossier_searches_total"),
                "the same search again is the kept page");
        assertEquals(1, after.value("dossier_page_cache_hits_total", "region", "searches")
                - between.value("dossier_page_cache_hits_total", "region", "searches"));
        String[] search = requests("/search", "2xx");
        assertEquals(2, after.value("dossier_requests_total", search) - before.value("dossier_requests_total", search));
    }

    @Test
    void loginsAreCountedBySucceededFailedAndThrottled() throws Exception {
        Browser newcomer = visitor();
        String name = "m" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(303, newcomer.register(name, PASSWORD).statusCode());
        Exposition before = scrape();

        assertEquals(401, visitor().logIn(name, "not-the-password").statusCode());
        assertEquals(303, visitor().logIn(name, PASSWORD).statusCode());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, visitor().logIn(name, "guess-" + i).statusCode());
        }
        assertEquals(429, visitor().logIn(name, PASSWORD).statusCode(), "the sixth failure in a row is refused");
        Exposition after = scrape();

        assertEquals(1, delta(before, after, "dossier_logins_total", "outcome", "succeeded"));
        assertEquals(6, delta(before, after, "dossier_logins_total", "outcome", "failed"));
        assertEquals(1, delta(before, after, "dossier_logins_total", "outcome", "throttled"));
        String[] refused = requests("/login", "4xx");
        assertEquals(7, delta(before, after, "dossier_requests_total", refused), "401s and the 429, under the login route");
    }

    @Test
    void commentsAndReportsAreCountedOnceTakenAndTheIndexCatchesUp() throws Exception {
        Browser alice = reader();
        Browser bob = reader();
        Exposition before = scrape();

        alice.get(ARTICLE);
        HttpResponse<String> posted = alice.submit(ARTICLE + "/comments", "body", "Counted, I hope.");
        assertEquals(303, posted.statusCode(), posted.body());
        Matcher id = Pattern.compile("#comment-(\\d+)$").matcher(posted.headers().firstValue("Location").orElse(""));
        assertTrue(id.find());
        bob.get(ARTICLE);
        assertEquals(303, bob.submit(ARTICLE + "/comments", "body", "A reply.", "parentId", id.group(1)).statusCode());
        assertEquals(400, bob.submit(ARTICLE + "/comments", "body", ">".repeat(1_000)).statusCode(), "refused: too deep");
        bob.get("/comments/" + id.group(1) + "/report");
        assertEquals(400, bob.submit("/comments/" + id.group(1) + "/report", "reason", " ").statusCode());
        assertEquals(303, bob.submit("/comments/" + id.group(1) + "/report", "reason", "Counting test").statusCode());
        Exposition after = scrape();

        assertEquals(2, delta(before, after, "dossier_comments_posted_total"), "the two taken, not the refused one");
        assertEquals(0, delta(before, after, "dossier_comments_held_total"), "this site shows comments at once");
        assertEquals(1, delta(before, after, "dossier_comments_reported_total"), "the report with a reason");
        // The comments wrote change-log lines: the index takes them in, and its lag is back to none.
        assertTrue(eventually(Duration.ofSeconds(30), () -> scrape().value("dossier_index_lag_lines") == 0));
    }

    /**
     * A figure read from the database as it is now: the site reads those at most every 10 s, so this waits until the
     * value changes (it was just read again) or 11 s have passed (it was read again meanwhile, and is the same).
     */
    private double fresh(String name) throws Exception {
        double first = scrape().value(name);
        double[] now = {first};
        eventually(Duration.ofSeconds(11), () -> (now[0] = scrape().value(name)) != first);
        return now[0];
    }

    @Test
    void theMailARegistrationQueuesIsCountedInTheOutbox() throws Exception {
        double pending = fresh("dossier_mail_outbox_pending");
        String name = "m" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(303, visitor().register(name, PASSWORD).statusCode());
        // Its confirmation link waits in the outbox: the test server has no mail server, so nothing leaves it.
        assertTrue(eventually(Duration.ofSeconds(15), () -> scrape().value("dossier_mail_outbox_pending") == pending + 1),
                "one more mail waits than the " + pending + " before: " + scrape().value("dossier_mail_outbox_pending"));
        Exposition now = scrape();
        assertEquals(0, now.value("dossier_mail_sent_total"), "nothing was sent");
        assertEquals(0, now.value("dossier_mail_failures_total"), "nothing was tried");
    }

    private static double delta(Exposition before, Exposition after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
