package dossier.site;

import dossier.markdown.control.MarkdownXssTest;
import dossier.testing.Browser;
import dossier.testing.Problem;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import static dossier.testing.Polling.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile input at every door of the real WAR: script in every field a visitor or an editor can fill, SQL in
 * every parameter, path traversal in addresses, query bombs, broken encodings, oversized requests. No answer
 * is a 500 or shows a stack trace, and no page carries a script, handler or address the site did not write.
 */
@RunAsClient
public abstract class HostileInputScenarios extends dossier.testing.Scenarios {

    /** Each attack of the Markdown suite, and the same in upper case (filters that match lower case only). */
    static final List<String> XSS = Stream.concat(MarkdownXssTest.ATTACKS.stream(),
            MarkdownXssTest.ATTACKS.stream().map(a -> a.toUpperCase(Locale.ROOT))).distinct().toList();
    static final List<String> SQL = List.of("' OR '1'='1", "'; DROP TABLE article; --", "1 UNION SELECT password_hash FROM account",
            "\" OR \"\"=\"", "1) OR (1=1", "admin'--", "%' AND 1=0 UNION SELECT NULL--");
    static final List<String> TRAVERSAL = List.of("../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "..%252f..%252fetc", "a%00b", "%00", "....//....//etc", "..\\..\\windows");
    static final List<String> QUERY_BOMBS = List.of("a*".repeat(500), "(".repeat(2000) + "a" + ")".repeat(2000),
            "\"a b c d e f\"~100000", "a~2 ".repeat(300), "*a*b*c*d*e*f*", "/.*.*.*.*.*.*.*.*.*.*/", "/[a-z]{1000,}/",
            "tag:" + "x".repeat(5000), "NOT NOT NOT a", "a AND OR NOT b", "\\", "\"", "title:(a OR (b AND (c OR (d AND e))))".repeat(50));


    /** Runs against the server at {@code base}, shared with the other system tests (see {@code dossier.SystemIT}). */
    protected HostileInputScenarios(URL base) {
        super(base);
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String pathAndQuery, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + pathAndQuery))
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** No server error, no stack trace, and (for pages) nothing that runs. */
    private static void assertSafe(String what, HttpResponse<String> r) {
        assertTrue(r.statusCode() < 500, what + " answered " + r.statusCode() + ": " + r.body().substring(0, Math.min(300, r.body().length())));
        for (String leak : List.of("Exception", "\tat ", "at dossier.", "at org.", "SQLState", "org.h2", "org.postgresql")) {
            assertFalse(r.body().contains(leak), what + " leaks '" + leak + "'");
        }
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
            assertPageInert(what, r.body());
        }
    }

    /** The site's own scripts (from /assets/) and its JSON-LD are the only scripts; no handlers, no styles, no javascript:. */
    static void assertPageInert(String what, String html) {
        Document page = Jsoup.parse(html);
        for (Element e : page.getAllElements()) {
            String name = e.normalName();
            if (name.equals("script") && !(e.attr("src").startsWith("/assets/") || e.attr("type").equals("application/ld+json"))) {
                fail(what + ": a script the site did not write: " + e.outerHtml());
            }
            if (List.of("iframe", "frame", "object", "embed", "base", "svg").contains(name)
                    || (name.equals("meta") && e.hasAttr("http-equiv"))) {
                fail(what + ": <" + name + "> on the page");
            }
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                String value = a.getValue().replaceAll("[\\s\\x00-\\x1f]", "").toLowerCase(Locale.ROOT);
                if (key.startsWith("on") || key.equals("style") || value.startsWith("javascript:") || value.startsWith("vbscript:")) {
                    fail(what + ": attribute " + key + "=\"" + a.getValue() + "\" on <" + name + ">");
                }
            }
        }
    }

    @Test
    void thereAreOverAHundredScriptPayloads() {
        assertTrue(XSS.size() >= 100, XSS.size() + " payloads");
    }

    @Test
    void searchQueriesOfEveryKindAreAnsweredSafely() throws Exception {
        List<String> queries = new ArrayList<>(XSS);
        queries.addAll(SQL);
        queries.addAll(QUERY_BOMBS);
        for (String q : queries) {
            assertSafe("search " + q, get("/search?q=" + enc(q), "text/html"));
            assertSafe("api search " + q, get("/api/search?q=" + enc(q), "application/json"));
            assertSafe("suggest " + q, get("/api/search/suggest?q=" + enc(q), "application/json"));
        }
        assertSafe("search with a hostile tag", get("/search?q=a&tag=" + enc("<script>alert(1)</script>"), "text/html"));
        assertSafe("search page SQL", get("/search?q=a&page=" + enc("1' OR '1'='1"), "text/html"));
    }

    @Test
    void addressesWithScriptSqlOrTraversalAreNotFoundNotFatal() throws Exception {
        List<String> parts = new ArrayList<>(TRAVERSAL);
        XSS.stream().limit(40).map(HostileInputScenarios::enc).forEach(parts::add);
        SQL.stream().map(HostileInputScenarios::enc).forEach(parts::add);
        for (String part : parts) {
            for (String path : List.of("/articles/" + part, "/tags/" + part, "/tags/" + part + "/feed.atom", "/media/" + part,
                    "/users/" + part, "/assets/" + part, "/" + part, "/articles/discussion-flow?comments=" + part,
                    "/articles/discussion-flow?order=" + part)) {
                HttpResponse<String> r;
                try {
                    r = get(path, "text/html");
                } catch (IllegalArgumentException notEvenAUri) {
                    continue; // the client refuses to send it; nothing to test
                }
                assertSafe(path, r);
                assertFalse(r.body().contains("root:x:0:0"), path + " read a file");
            }
        }
        assertFalse(Jsoup.parse(get("/", "text/html").body()).select("ol.article-list li.teaser h2 a[href^=/articles/]").isEmpty(),
                "the articles are all still there");
    }

    @Test
    void hostileUsernamesAndFieldsAreRefusedWithTheirTextEscaped() throws Exception {
        for (String attack : XSS.subList(0, 30)) {
            Browser b = new Browser(base.toURI());
            b.get("/register");
            HttpResponse<String> r = b.submit("/register", "username", attack, "email", attack, "password", attack);
            assertSafe("register " + attack, r);
            assertEquals(400, r.statusCode(), attack);
        }
        for (String attack : SQL) {
            Browser b = new Browser(base.toURI());
            HttpResponse<String> r = b.logIn(attack, attack);
            assertSafe("login " + attack, r);
            assertEquals(401, r.statusCode(), "no way in with " + attack);
        }
    }

    @Test
    void anEditorsHostileFrontMatterIsShownAsText() throws Exception {
        Browser chief = new Browser(base.toURI());
        assertEquals(303, chief.logIn("chief", "chief-editor-secret-42").statusCode());
        int n = 0;
        for (String attack : XSS.subList(0, 40)) {
            String slug = "hostile-" + (n++) + "-" + UUID.randomUUID().toString().substring(0, 6);
            String json = "{\"slug\":\"" + slug + "\",\"title\":" + Browser.json("T " + attack) + ",\"summary\":" + Browser.json(attack)
                    + ",\"author\":" + Browser.json(attack) + ",\"tags\":[" + Browser.json(attack) + "],\"markdown\":" + Browser.json(attack)
                    + ",\"status\":\"published\",\"published\":\"2019-01-01\"}";
            HttpResponse<String> created = chief.json("POST", "/api/articles", json, true);
            assertSafe("create " + attack, created);
            if (created.statusCode() != 201) {
                continue; // refused with a message (an unusable tag or title): fine
            }
            assertSafe("article " + attack, get("/articles/" + slug, "text/html"));
            assertSafe("article as editor " + attack, chief.get("/articles/" + slug + "/edit"));
            assertSafe("history " + attack, chief.get("/articles/" + slug + "/history"));
        }
        assertSafe("admin list", chief.get("/admin/articles"));
        assertSafe("audit", chief.get("/admin/audit"));
        HttpResponse<String> feed = get("/feed.atom", "application/atom+xml");
        assertSafe("feed", feed);
        assertTrue(Jsoup.parse(feed.body(), "", org.jsoup.parser.Parser.xmlParser()).select("script").isEmpty(), "no script element in the feed");
    }

    @Test
    void brokenEncodingsAndOversizedRequestsGetClearRefusals() throws Exception {
        // Invalid UTF-8 in a query and in a form body.
        assertSafe("bad utf-8 query", rawGet("/search?q=%C3%28%FF%FE"));
        Browser reader = new Browser(base.toURI());
        reader.register("enc" + UUID.randomUUID().toString().substring(0, 6), "a-long-enough-password");
        reader.get("/articles/discussion-empty");
        HttpResponse<String> bad = reader.send(reader.request("/articles/discussion-empty/comments")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=x&body=%FF%FE%C3%28")), HttpResponse.BodyHandlers.ofString());
        assertSafe("bad utf-8 form", bad);
        assertTrue(bad.statusCode() >= 400, "refused: " + bad.statusCode());

        // A megabyte of query string.
        HttpResponse<String> huge = rawGet("/search?q=" + "a".repeat(1024 * 1024));
        assertSafe("1 MB query string", huge);
        assertTrue(huge.statusCode() >= 400 || huge.statusCode() == 0, "refused (an error status, or the connection closed): "
                + huge.statusCode());

        // Over a megabyte sent in chunks, with no Content-Length to refuse it by, by a reader's script.
        String answer = chunkedPost("/api/articles/discussion-empty/comments", 2 * 1024 * 1024,
                "Authorization: Bearer " + SiteScenarios.newToken(reader) + "\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 413"), "a chunked 2 MB body is refused as too large: "
                + answer.lines().findFirst().orElse(""));
        assertFalse(answer.contains("Exception"));
    }

    /** JSON that is broken or of the wrong shape: never read as anything, at every door that takes JSON. */
    static final List<String> BROKEN_JSON = List.of("{", "{\"title\":", "{\"title\":\"x\"", "{'title':'x'}", "{\"title\":x}",
            "nul", "\u00ff\u00fe{", "[1,2,3]", "\"just text\"", "42", "true", "{\"a\":" + "[".repeat(5_000));

    /**
     * Every door of the JSON API that reads a body answers broken JSON and values of the wrong type with 400 and a
     * problem document a person can read (the field named where there is one), never a 500 or an HTML page; nothing
     * changes.
     */
    @Test
    void brokenJsonAtEveryDoorIsRefusedWithAProblemDocument() throws Exception {
        Browser chief = Browser.editor(base.toURI());
        String slug = "broken-json-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, chief.json("POST", "/api/articles", "{\"slug\":\"" + slug + "\",\"title\":\"Intact\","
                + "\"markdown\":\"The intact text.\",\"status\":\"published\",\"published\":\"2019-01-01\"}", true).statusCode());
        Browser reader = Browser.reader(base.toURI());
        HttpResponse<String> posted = reader.json("POST", "/api/articles/" + slug + "/comments", "{\"body\":\"The intact remark.\"}", true);
        assertEquals(201, posted.statusCode(), posted.body());
        String comment = posted.headers().firstValue("Location").orElseThrow().replaceAll(".*#comment-", "");
        record Door(Browser who, String method, String path, String wrongType, String field) {
        }
        List<Door> doors = List.of(
                new Door(chief, "POST", "/api/articles", "{\"slug\":\"x\",\"title\":{\"nested\":1}}", "title"),
                new Door(chief, "PUT", "/api/articles/" + slug, "{\"version\":\"the newest\"}", "version"),
                new Door(chief, "POST", "/api/preview", "{\"markdown\":[1,2]}", "markdown"),
                new Door(reader, "POST", "/api/articles/" + slug + "/comments", "{\"body\":{\"text\":\"x\"}}", "body"),
                new Door(reader, "PUT", "/api/comments/" + comment, "{\"body\":7,\"parentId\":[]}", "parentId"));
        for (Door door : doors) {
            for (String body : BROKEN_JSON) {
                String what = door.method() + " " + door.path() + " " + body.substring(0, Math.min(20, body.length()));
                HttpResponse<String> r = door.who().json(door.method(), door.path(), body, true);
                assertSafe(what, r);
                Problem problem = Problem.of(r, 400);
                assertFalse(problem.detail().isBlank(), what);
            }
            HttpResponse<String> r = door.who().json(door.method(), door.path(), door.wrongType(), true);
            assertSafe(door.method() + " " + door.path() + " of the wrong type", r);
            Problem problem = Problem.of(r, 400);
            assertTrue(problem.fields().containsKey(door.field()), door.path() + ": " + problem);
        }
        assertTrue(get("/articles/" + slug, "text/html").body().contains("The intact text."), "the article is unchanged");
        String thread = get("/api/articles/" + slug + "/comments", "application/json").body();
        assertTrue(thread.contains("The intact remark.") && thread.split("\"id\":").length == 2, "one comment, unchanged: " + thread);
    }

    /** Comments that overflowed the renderer's stack: each is under the 10,000 characters a comment may have. */
    static final List<String> DEEP_NESTING = List.of(">".repeat(1_000), "- ".repeat(500) + "x", "1. ".repeat(500) + "x",
            "- > ".repeat(300) + "x", "*a ".repeat(1_500) + "b" + " c*".repeat(1_500), "![".repeat(1_500) + "](b)".repeat(1_500));

    @Test
    void pagingOverflowsMadeUpAssetsAndDeeplyNestedCommentsAreRefusedAndTheSiteKeepsFollowing() throws Exception {
        for (String path : List.of("/search?q=cloud&page=424496730", "/search?q=cloud&page=2147483647",
                "/search?q=cloud&sort=date&page=2147483647", "/search?q=cloud&page=-2147483648", "/search?q=cloud&page=1001",
                "/api/search?q=cloud&offset=2147483647&limit=2147483647", "/api/search?q=cloud&offset=-2147483648&limit=-1",
                "/api/search?q=cloud&offset=2147483600&limit=100", "/?page=2147483647", "/tags/cloud?page=2147483647")) {
            HttpResponse<String> r = get(path, path.startsWith("/api") ? "application/json" : "text/html");
            assertSafe(path, r);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 404, path + " answered " + r.statusCode());
            if (path.startsWith("/api")) {
                assertTrue(r.body().contains("\"total\":"), path + ": " + r.body());
            }
        }
        // A comment page that does not exist is not a page of its own (each would take a place in the page cache):
        // it leads to the nearest one that does.
        for (String page : List.of("2147483647", "-2147483648", "0", "99999")) {
            HttpResponse<String> r = get("/articles/discussion-flow?comments=" + page + "&order=newest", "text/html");
            assertEquals(302, r.statusCode(), page);
            assertEquals("/articles/discussion-flow?order=newest#comments", r.headers().firstValue("Location").orElse("")
                    .replaceAll("^https?://[^/]+", ""), page);
        }
        Browser chief = Browser.editor(base.toURI());
        assertEquals(200, chief.get("/admin/audit?page=2147483647").statusCode(), "the audit log's last page");
        // Made-up asset names: each used to leave an entry in memory for good (see AssetsTest for the bound).
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < 50; i++) {
            String name = random.ints(4_000, 'a', 'z' + 1)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + ".css";
            HttpResponse<String> r = get("/assets/" + name, "text/css,*/*");
            assertSafe("asset " + i, r);
            assertEquals(404, r.statusCode());
        }

        String slug = "nesting-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, chief.json("POST", "/api/articles", "{\"slug\":\"" + slug + "\",\"title\":\"Nesting\","
                + "\"markdown\":\"A discussion of depth.\",\"status\":\"published\",\"published\":\"2019-01-01\"}", true).statusCode());
        Browser reader = Browser.reader(base.toURI());
        String page = "/articles/" + slug;
        for (String hostile : DEEP_NESTING) {
            String what = hostile.substring(0, 12);
            reader.get(page);
            HttpResponse<String> form = reader.submit(page + "/comments", "body", hostile);
            assertSafe("form " + what, form);
            assertEquals(400, form.statusCode(), what);
            Document refused = Jsoup.parse(form.body());
            assertTrue(refused.text().contains("levels deep"), what + ": the reason is on the page");
            assertEquals(hostile.strip(), refused.selectFirst("textarea[name=body]").val().strip(), what + ": the text is kept");

            HttpResponse<String> json = reader.json("POST", "/api/articles/" + slug + "/comments",
                    "{\"body\":" + Browser.json(hostile) + "}", true);
            assertSafe("json " + what, json);
            assertEquals(400, json.statusCode(), what);
            assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(json.body().contains("levels deep"), json.body());
        }
        assertEquals("[]", get("/api/articles/" + slug + "/comments", "application/json").body(), "nothing stored");

        // The time to refuse one: the refusal must cost a reader's request, not a server's thread.
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            HttpResponse<String> json = reader.json("POST", "/api/articles/" + slug + "/comments",
                    "{\"body\":" + Browser.json(">".repeat(1_000)) + "}", true);
            nanos.add(System.nanoTime() - start);
            assertEquals(400, json.statusCode());
        }
        nanos.sort(null);
        java.util.logging.Logger.getLogger(HostileInputScenarios.class.getName()).info(String.format(Locale.ROOT,
                "Refusing a deeply nested comment over HTTP: median %.1f ms, slowest %.1f ms of 20",
                nanos.get(10) / 1e6, nanos.get(19) / 1e6));

        assertEquals(201, reader.json("POST", "/api/articles/" + slug + "/comments", "{\"body\":\"> a quote\\n\\n- a list\"}", true)
                .statusCode(), "a reasonable comment still posts");
        assertEquals(200, get(page, "text/html").statusCode());
        HttpResponse<String> thread = get("/api/articles/" + slug + "/comments", "application/json");
        assertEquals(200, thread.statusCode());
        assertTrue(thread.body().contains("<blockquote>"), thread.body());

        // An editor's article nests as deeply: saved with its deeper levels as text, and the index follows it.
        String word = "fathom" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[^a-z]", "q");
        String deep = "deep-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, chief.json("POST", "/api/articles", "{\"slug\":\"" + deep + "\",\"title\":\"Deep\",\"markdown\":"
                + Browser.json(">".repeat(2_000) + " " + word + "\n\n" + "*a ".repeat(3_000) + "b" + " c*".repeat(3_000))
                + ",\"status\":\"published\",\"published\":\"2019-01-01\"}", true).statusCode());
        assertEquals(200, get("/articles/" + deep, "text/html").statusCode());
        assertTrue(eventually(Duration.ofSeconds(10), () -> get("/api/search?q=" + word, "application/json").body()
                .contains("\"slug\":\"" + deep + "\"")), "the search index follows a new article after all this");
    }

    @Test
    void anyReturnAddressEndsALoginOnThisSite() throws Exception {
        String name = "ret" + UUID.randomUUID().toString().substring(0, 6);
        assertEquals(303, new Browser(base.toURI()).register(name, "a-long-enough-password").statusCode());
        for (String back : List.of("/%", "/a b", "/\u2028", "/%zz", "/" + "a".repeat(3_000), "/\\evil.example", "//evil.example",
                "https://evil.example", "/\t/evil.example", "/ok?x=%", "javascript:alert(1)", "/%0d%0aSet-Cookie:x=1")) {
            Browser b = new Browser(base.toURI());
            b.get("/login");
            HttpResponse<String> r = b.submit("/login", "username", name, "password", "a-long-enough-password", "return", back);
            assertEquals(303, r.statusCode(), "return=" + back + ": " + r.body().substring(0, Math.min(200, r.body().length())));
            String location = r.headers().firstValue("Location").orElse("");
            assertTrue(location.startsWith("/") && !location.startsWith("//") && !location.contains("\\")
                    && location.chars().noneMatch(c -> c < 0x21 || c > 0x7e), "return=" + back + " led to " + location);
        }
    }

    @Test
    void aBanFormsReturnAddressStaysOnThisSite() throws Exception {
        Browser chief = Browser.editor(base.toURI());
        String troll = "ban" + UUID.randomUUID().toString().substring(0, 6);
        assertEquals(303, new Browser(base.toURI()).register(troll, "a-long-enough-password").statusCode());
        chief.get("/users/" + troll);
        for (String back : List.of("/\\evil.example", "//evil.example", "/%zz", "/a b")) {
            for (String action : List.of("ban", "unban")) {
                HttpResponse<String> r = chief.submit("/users/" + troll + "/" + action, "return", back);
                assertEquals(303, r.statusCode(), action + " " + back);
                String location = r.headers().firstValue("Location").orElse("");
                assertTrue(location.startsWith("/") && !location.startsWith("//") && !location.contains("\\"), back + " led to " + location);
            }
        }
    }

    @Test
    void redirectsNeverNameTheHostTheClientClaimed() throws Exception {
        for (String path : List.of("/account/tokens", "/comments/999999999", "/admin/comments")) {
            String answer = rawRequest("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
            String location = answer.lines().takeWhile(l -> !l.isEmpty())
                    .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("location:")).findFirst().orElse("");
            assertFalse(location.contains("evil.example"), path + ": " + location);
        }
    }

    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parallelGuessesAreCountedBeforeAnyIsChecked() throws Exception {
        int checkedGuesses = -1;
        String name = "par" + UUID.randomUUID().toString().substring(0, 6);
        assertEquals(303, new Browser(base.toURI()).register(name, "a-long-enough-password").statusCode());
        List<Browser> guessers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Browser b = new Browser(base.toURI());
            b.get("/login");
            guessers.add(b);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < guessers.size(); i++) {
                Browser b = guessers.get(i);
                String guess = "wrong-guess-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return b.submit("/login", "username", name, "password", guess).statusCode();
                }));
            }
            start.countDown();
            int checked = 0;
            for (java.util.concurrent.Future<Integer> answer : answers) {
                int status = answer.get();
                assertTrue(status == 401 || status == 429, "answered " + status);
                checked += status == 401 ? 1 : 0;
            }
            checkedGuesses = checked;
            assertTrue(checked <= dossier.account.boundary.LoginThrottle.LIMIT, checked + " guesses were checked");
        } finally {
            pool.shutdownNow();
        }
        // Every checked guess stays counted; refused ones are taken back (so they never lengthen the rest). How many
        // were checked depends on how the guesses interleave: all refused together checks none.
        int owner = new Browser(base.toURI()).logIn(name, "a-long-enough-password").statusCode();
        assertEquals(checkedGuesses == dossier.account.boundary.LoginThrottle.LIMIT ? 429 : 303, owner,
                checkedGuesses + " guesses were checked");
    }

    @Test
    void anOverlongUsernameIsAFailedLoginThatCounts() throws Exception {
        String name = "long" + UUID.randomUUID().toString().substring(0, 6) + "x".repeat(1000);
        for (int i = 0; i < dossier.account.boundary.LoginThrottle.LIMIT; i++) {
            long started = System.nanoTime();
            HttpResponse<String> r = new Browser(base.toURI()).logIn(name, "whatever-" + i);
            assertSafe("1000-character username", r);
            assertEquals(401, r.statusCode());
            assertTrue(System.nanoTime() - started < 5_000_000_000L, "answered quickly");
        }
        assertEquals(429, new Browser(base.toURI()).logIn(name, "whatever").statusCode(), "counted like any other failure");
    }

    @Test
    void aLoggedInReaderStillNeedsTheRightPasswordToLogIn() throws Exception {
        String name = "again" + UUID.randomUUID().toString().substring(0, 6);
        Browser reader = new Browser(base.toURI());
        assertEquals(303, reader.register(name, "a-long-enough-password").statusCode());
        for (int i = 0; i < dossier.account.boundary.LoginThrottle.LIMIT; i++) {
            reader.get("/login");
            assertEquals(401, reader.submit("/login", "username", name, "password", "wrong-" + i).statusCode(), "attempt " + i);
        }
        reader.get("/login");
        assertEquals(429, reader.submit("/login", "username", name, "password", "a-long-enough-password").statusCode(),
                "the failures were counted");
    }

    /** A GET sent byte for byte, so that the client library cannot tidy the request up. */
    private HttpResponse<String> rawGet(String pathAndQuery) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedEarly) {
                // The server may refuse an oversized request line and close before the client has sent it all.
            }
            String raw;
            try {
                raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException reset) {
                raw = ""; // the connection was closed on the request: a refusal, not an answer
            }
            int status = raw.isEmpty() ? 0 : Integer.parseInt(raw.substring(9, 12));
            int split = raw.indexOf("\r\n\r\n");
            String head = split < 0 ? raw : raw.substring(0, split);
            String body = split < 0 ? "" : raw.substring(split + 4);
            String type = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(13).strip()).findFirst().orElse("");
            return new FakeResponse(status, body, type);
        }
    }

    private String chunkedPost(String path, int bytes, String headers) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                    + headers + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.ISO_8859_1);
            byte[] opening = "{\"body\":\"".getBytes(StandardCharsets.ISO_8859_1); // well-formed so far: only the size is wrong
            try {
                out.write((Integer.toHexString(opening.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(opening);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                for (int sent = 0; sent < bytes; sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before the whole body is sent
            }
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Just enough of a response for {@link #assertSafe}. */
    private record FakeResponse(int statusCode, String body, String type) implements HttpResponse<String> {
        public HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(java.util.Map.of("Content-Type", List.of(type)), (a, b) -> true);
        }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public URI uri() { return null; }
        public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
