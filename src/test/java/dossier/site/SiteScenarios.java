package dossier.site;

import dossier.article.control.FrontMatter;
import dossier.testing.Html;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dossier.testing.Polling.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real WAR in Payara Micro, driven over HTTP as a reader's browser would. One deployment for all of
 * these: every boot of Payara Micro costs seconds. The content folder is the site's own {@code content/}
 * plus the files of {@code src/test/content} (a draft, a broken file, a file titled by its heading).
 */
@RunAsClient
public abstract class SiteScenarios extends dossier.testing.Scenarios {

    /**
     * How long the tests wait for the index and the kept pages to follow a change. The index applies changes every
     * 250 ms; how fast it follows is measured by benchmarks, not asserted here (a loaded machine is slow). The wait
     * stays well under the minute a kept page lives, so a page that is never dropped on a change still fails.
     */
    static final Duration FOLLOWS = Duration.ofSeconds(15);


    /** Runs against the server at {@code base}, shared with the other system tests (see {@code dossier.SystemIT}). */
    protected SiteScenarios(URL base) {
        super(base);
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = base.toURI().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** As a feed reader asks: no preference stated. */
    private HttpResponse<String> fetch(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.toURI().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getJson(String path) throws Exception {
        URI uri = base.toURI().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> shippedTitles() throws Exception {
        List<String> titles = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("content"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                titles.add(String.valueOf(FrontMatter.parse(Files.readString(file)).fields().get("title")));
            }
        }
        return titles;
    }

    @Test
    void theHomePageListsEveryShippedArticle() throws Exception {
        HttpResponse<String> home = get("/");
        assertEquals(200, home.statusCode());
        assertTrue(home.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        List<String> titles = shippedTitles();
        assertTrue(titles.size() >= 7, "the site ships its own articles");
        List<String> listed = Html.select(home, "ol.article-list li.teaser h2 a").eachText();
        for (String title : titles) {
            assertTrue(listed.contains(title), "home lists " + title + ": " + listed);
        }
    }

    @Test
    void anArticleRendersItsTableFootnotesAndTableOfContents() throws Exception {
        HttpResponse<String> page = get("/articles/open-weights-release-delays");
        assertEquals(200, page.statusCode());
        org.jsoup.nodes.Document doc = Html.page(page);
        org.jsoup.nodes.Element body = doc.selectFirst("article.article > div.body");
        assertTrue(body != null && !body.select("table").isEmpty(), "a GFM table in the article's text");
        assertFalse(body.select(".footnotes li").isEmpty(), "footnotes");
        assertFalse(body.select(".footnotes a.footnote-backref").isEmpty(), "footnote back-links");
        org.jsoup.select.Elements toc = doc.select("article.article nav.toc li.toc-level-2 a[href^=#]");
        assertFalse(toc.isEmpty(), "a table of contents that links to sections");
        for (org.jsoup.nodes.Element entry : toc) {
            String target = entry.attr("href").substring(1);
            assertNotNull(body.getElementById(target), "the target of \"" + entry.text() + "\" is a heading of the text");
        }
        assertTrue(doc.select("header.article-head p.meta").text().matches(".*\\d+ min read.*"), "reading time");
        assertEquals(1, doc.select("h1").size(), "one title heading");
    }

    @Test
    void theHubAnswersAtItsAliasPath() throws Exception {
        HttpResponse<String> hub = get("/llm-onpremise");
        assertEquals(200, hub.statusCode());
        assertEquals("Frameworks for on-premise LLM deployment", Html.text(hub, "h1"));
        java.util.Set<String> linked = new java.util.TreeSet<>(Html.select(hub, "article.article > div.body a[href^=/articles/]").eachAttr("href"));
        for (String link : linked) {
            assertEquals(200, get(link).statusCode(), "hub link to " + link);
        }
        assertTrue(linked.size() >= 4, "the hub's text links at least four framework articles: " + linked);
    }

    @Test
    void anUnknownAddressGetsTheFriendlyNotFoundPage() throws Exception {
        for (String path : List.of("/no-such-page", "/articles/no-such-article", "/a/b/c", "/tags/no-such-tag")) {
            HttpResponse<String> missing = get(path);
            assertEquals(404, missing.statusCode(), path);
            org.jsoup.nodes.Element error = Html.page(missing).selectFirst("main section.error-page");
            assertNotNull(error, "the error page on " + path);
            assertEquals("Page not found", error.select("h1").text(), path);
            assertFalse(error.select("a[href=/]").isEmpty(), "a link home on " + path);
            assertFalse(missing.body().contains("Exception"), "no stack trace on " + path);
            assertTrue(error.select("p.meta").text().matches("Request [0-9a-f]{8}"), "a request id to quote on " + path);
        }
    }

    @Test
    void aDraftIsNotShownToReaders() throws Exception {
        assertEquals(404, get("/articles/unreleased-analysis").statusCode());
        assertFalse(get("/").body().contains("An unreleased analysis"));
        assertFalse(get("/tags/on-premise").body().contains("An unreleased analysis"));
    }

    @Test
    void aBrokenFileIsSkippedAndTheRestImport() throws Exception {
        assertEquals(404, get("/articles/broken").statusCode());
        assertEquals(404, get("/articles/not-utf8").statusCode());
        HttpResponse<String> titled = get("/articles/titled-by-heading");
        assertEquals(200, titled.statusCode());
        org.jsoup.select.Elements h1 = Html.select(titled, "h1");
        assertEquals(List.of("A title that comes from the first heading"), h1.eachText(), "the heading became the title, not a second H1");
    }

    @Test
    void aTagPageListsItsArticles() throws Exception {
        HttpResponse<String> tag = get("/tags/frameworks");
        assertEquals(200, tag.statusCode());
        assertTrue(Html.select(tag, "ol.article-list li.teaser h2 a").eachText().stream().anyMatch(t -> t.startsWith("Total cost of ownership")),
                Html.text(tag, "ol.article-list"));
        assertFalse(tag.body().contains("Open weights on hold"), "an article without the tag is not listed");
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndLoadNothingFromElsewhere() throws Exception {
        HttpResponse<String> page = get("/articles/tco-capex-opex");
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline"));
        org.jsoup.nodes.Document frame = org.jsoup.Jsoup.parse(page.body());
        frame.select("div.body").remove();
        for (org.jsoup.nodes.Element asset : frame.select("script[src], link[rel=stylesheet], img[src], link[rel=icon]")) {
            String address = asset.hasAttr("src") ? asset.attr("src") : asset.attr("href");
            assertTrue(address.startsWith("/") && !address.startsWith("//"), "an asset from another host: " + address);
        }
        HttpResponse<String> css = get("/assets/site.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertTrue(css.body().contains("prefers-color-scheme: dark"));
    }

    @Test
    void readinessIncludesTheDatabase() throws Exception {
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(200, ready.statusCode());
        assertTrue(ready.body().contains("\"database\""), ready.body());
        assertTrue(ready.body().contains("\"UP\""), ready.body());
    }

    @Test
    void searchFindsAnImportedArticleWithAHighlightedSnippet() throws Exception {
        HttpResponse<String> api = getJson("/api/search?q=deploy+annealing&limit=5");
        assertEquals(200, api.statusCode());
        assertTrue(api.body().contains("\"slug\":\"search-target\""), api.body());
        assertTrue(api.body().contains("<mark>"), "matched words are marked");
        org.jsoup.nodes.Element hit = Html.page(get("/search?q=annealing")).selectFirst("ol.results li.result:has(a[href=/articles/search-target])");
        assertNotNull(hit, "a result for the article");
        assertTrue(hit.select(".snippet mark").eachText().contains("annealing"), "its passage marks the word: " + hit.select(".snippet"));
        assertFalse(Html.select(get("/search?q=%E4%B8%BB%E6%9D%83"), "li.result a[href=/articles/cjk-sovereignty]").isEmpty(),
                "a two-character Chinese word");
    }

    @Test
    void searchNeverShowsDraftsAndEscapesTheQuery() throws Exception {
        assertFalse(getJson("/api/search?q=unreleased+analysis").body().contains("unreleased-analysis"));
        HttpResponse<String> hostile = get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertEquals(200, hostile.statusCode());
        assertFalse(hostile.body().contains("<script>alert(1)</script>"));
        org.jsoup.nodes.Document shown = Html.page(hostile);
        assertEquals("<script>alert(1)</script>", shown.select("input#search-q").val(), "the query is kept as text in the field");
        assertTrue(shown.select("script").stream().noneMatch(e -> e.data().contains("alert(1)")), "and never becomes a script");
        HttpResponse<String> problem = getJson("/api/articles/no-such-article");
        assertEquals(404, problem.statusCode());
        assertTrue(problem.body().matches("\\{\"type\":\"about:blank\",\"title\":\"Page not found\",\"status\":404,\"detail\":\"[^\"]+\",\"requestId\":\"[0-9a-f]{8}\"}"), problem.body());
        for (String noise : List.of("%22unbalanced", "-", "*", "tag%3A", "((((", "AND+OR+NOT", "x".repeat(3000))) {
            assertEquals(200, get("/search?q=" + noise).statusCode(), noise);
            assertEquals(200, getJson("/api/search?q=" + noise).statusCode(), noise);
        }
    }

    @Test
    void aTypoGetsADidYouMeanLink() throws Exception {
        HttpResponse<String> page = get("/search?q=anealing");
        org.jsoup.nodes.Element suggestion = Html.page(page).selectFirst("p.did-you-mean");
        assertNotNull(suggestion, page.body());
        assertTrue(suggestion.text().startsWith("Did you mean"), suggestion.text());
        assertEquals("annealing", suggestion.select("a[href=/search?q=annealing]").text());
    }

    @Test
    void editorsChangeArticlesThroughTheApiAndSearchFollows() throws Exception {
        dossier.testing.Browser chief = new dossier.testing.Browser(base.toURI());
        assertEquals(303, chief.logIn("chief", "chief-editor-secret-42").statusCode());
        String article = "{\"title\":\"Hydrogen electrolysers in regional grids\",\"markdown\":\"## Grid\\n\\nElectrolysers balance the grid.\","
                + "\"tags\":[\"energy\"],\"status\":\"published\",\"published\":\"2026-03-01\",\"slug\":\"electrolysers\"}";
        HttpResponse<String> created = chief.json("POST", "/api/articles", article, true);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(200, get("/articles/electrolysers").statusCode());
        assertTrue(eventually(FOLLOWS, () -> getJson("/api/search?q=electrolysers").body().contains("\"slug\":\"electrolysers\"")),
                "searchable");

        dossier.testing.Browser reader = new dossier.testing.Browser(base.toURI());
        reader.register("reader" + java.util.UUID.randomUUID().toString().substring(0, 6), "a-long-enough-password");
        reader.get("/");
        assertEquals(403, reader.json("PUT", "/api/articles/electrolysers", article, true).statusCode());
        assertEquals(401, new dossier.testing.Browser(base.toURI()).json("DELETE", "/api/articles/electrolysers", null, false).statusCode());

        HttpResponse<String> stale = chief.json("PUT", "/api/articles/electrolysers", article.replace("}", ",\"version\":99}"), true);
        assertEquals(409, stale.statusCode(), "a stale version is refused");
        String draft = article.replace("\"published\",", "\"draft\",").replace("balance the grid", "steady the grid")
                .replace("}", ",\"version\":1}");
        HttpResponse<String> staged = chief.json("PUT", "/api/articles/electrolysers", draft, true);
        assertEquals(200, staged.statusCode(), staged.body());
        assertTrue(staged.body().contains("\"staged\":2"), "a draft over a live article is staged as revision 2: " + staged.body());
        assertTrue(Html.text(get("/articles/electrolysers"), "article.article > div.body").contains("balance the grid"), "the live page is unchanged");
        String unpublish = article.replace("\"published\",", "\"unpublished\",").replace("}", ",\"version\":2}");
        HttpResponse<String> withdrawn = chief.json("PUT", "/api/articles/electrolysers", unpublish, true);
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        assertEquals(410, get("/articles/electrolysers").statusCode());
        assertTrue(eventually(FOLLOWS, () -> !getJson("/api/search?q=electrolysers").body().contains("\"slug\":\"electrolysers\"")),
                "unpublished: gone from search");

        assertEquals(204, chief.json("DELETE", "/api/articles/electrolysers", null, true).statusCode());
        assertEquals(404, chief.json("GET", "/api/articles/electrolysers", null, false).statusCode());
    }

    private static org.w3c.dom.Document xml(String body) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(body)));
    }

    private static List<String> texts(org.w3c.dom.Document doc, String namespace, String element) {
        List<String> out = new java.util.ArrayList<>();
        org.w3c.dom.NodeList nodes = doc.getElementsByTagNameNS(namespace, element);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void theAtomFeedsAreWellFormedWithTheRightEntries() throws Exception {
        String atom = "http://www.w3.org/2005/Atom";
        HttpResponse<String> feed = fetch("/feed.atom");
        assertEquals(200, feed.statusCode());
        assertTrue(feed.headers().firstValue("Content-Type").orElse("").startsWith("application/atom+xml"));
        org.w3c.dom.Document doc = xml(feed.body());
        assertEquals("feed", doc.getDocumentElement().getLocalName());
        List<String> titles = texts(doc, atom, "title");
        assertTrue(titles.contains("Open weights on hold: reading a synchronized pause by Chinese labs"), titles.toString());
        assertFalse(titles.contains("An unreleased analysis that readers must not see"), "no drafts in feeds");
        assertEquals(titles.size() - 1, doc.getElementsByTagNameNS(atom, "entry").getLength());
        assertFalse(texts(doc, atom, "content").isEmpty());

        org.w3c.dom.Document tagFeed = xml(fetch("/tags/frameworks/feed.atom").body());
        List<String> tagged = texts(tagFeed, atom, "title");
        assertTrue(tagged.contains("Frameworks for on-premise LLM deployment"));
        assertFalse(tagged.contains("Open weights on hold: reading a synchronized pause by Chinese labs"));
        assertEquals(404, fetch("/tags/no-such-tag/feed.atom").statusCode());
    }

    @Test
    void everySitemapAddressAnswers200() throws Exception {
        HttpResponse<String> map = fetch("/sitemap.xml");
        assertEquals(200, map.statusCode());
        List<String> locations = texts(xml(map.body()), "http://www.sitemaps.org/schemas/sitemap/0.9", "loc");
        assertTrue(locations.size() > 10, locations.toString());
        assertTrue(locations.stream().noneMatch(l -> l.contains("unreleased-analysis")), "no drafts");
        for (String location : locations) {
            String path = URI.create(location).getRawPath();
            assertEquals(200, get(path).statusCode(), location);
        }
        String robots = fetch("/robots.txt").body();
        assertTrue(robots.contains("Sitemap: ") && robots.contains("/sitemap.xml"), robots);
        assertTrue(robots.contains("Disallow: /admin/"));
    }

    @Test
    void anArticleCarriesCanonicalOpenGraphAndJsonLd() throws Exception {
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(get("/articles/tco-capex-opex").body());
        assertTrue(page.select("link[rel=canonical]").attr("href").endsWith("/articles/tco-capex-opex"));
        assertEquals("article", page.select("meta[property=og:type]").attr("content"));
        assertTrue(page.select("meta[property=og:title]").attr("content").startsWith("Total cost of ownership"));
        String ld = page.select("script[type=application/ld+json]").html();
        assertTrue(ld.contains("\"@type\":\"Article\"") && ld.contains("\"headline\":\"Total cost of ownership"), ld);
        assertFalse(ld.contains("<"), "nothing in the data can close the script element");
        assertFalse(page.select("link[rel=alternate][type=application/atom+xml]").isEmpty());
        org.jsoup.select.Elements related = page.select("aside.related a");
        assertFalse(related.isEmpty(), "related analysis under the article");
        assertTrue(related.stream().noneMatch(a -> a.attr("href").endsWith("/tco-capex-opex")), "never itself");
    }

    @Test
    void pagesRevalidateWithStrongETagsThatChangeWithTheDiscussion() throws Exception {
        HttpResponse<String> first = get("/articles/discussion-xss-etag");
        assertEquals(200, first.statusCode());
        String tag = first.headers().firstValue("ETag").orElseThrow();
        assertFalse(tag.startsWith("W/"), "a strong tag");
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(base.toURI().resolve("/articles/discussion-xss-etag"))
                .header("If-None-Match", tag).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());

        dossier.testing.Browser reader = new dossier.testing.Browser(base.toURI());
        reader.register("etag" + java.util.UUID.randomUUID().toString().substring(0, 6), "a-long-enough-password");
        reader.get("/articles/discussion-xss-etag");
        assertEquals(303, reader.submit("/articles/discussion-xss-etag/comments", "body", "A new comment").statusCode());
        HttpResponse<String> changed = http.send(HttpRequest.newBuilder(base.toURI().resolve("/articles/discussion-xss-etag"))
                .header("If-None-Match", tag).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, changed.statusCode(), "a new comment changes the page and its tag");
        assertFalse(tag.equals(changed.headers().firstValue("ETag").orElse("")));
    }

    /**
     * The page's Last-Modified, once it has one: there is no date while the second of the last change still runs
     * (another change in it would carry the same date).
     */
    private String settledLastModified(String path) throws Exception {
        String[] held = new String[1];
        assertTrue(eventually(Duration.ofSeconds(2), () -> (held[0] = get(path).headers().firstValue("Last-Modified").orElse(null)) != null),
                "a date once the second of the last change is over");
        return held[0];
    }

    @Test
    void pagesCarryLastModifiedAndAnswer304UntilSomethingChanges() throws Exception {
        String modified = settledLastModified("/articles/discussion-xss-etag");
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(base.toURI().resolve("/articles/discussion-xss-etag"))
                .header("If-Modified-Since", modified).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        dossier.testing.Browser reader = new dossier.testing.Browser(base.toURI());
        reader.register("lm" + java.util.UUID.randomUUID().toString().substring(0, 6), "a-long-enough-password");
        reader.get("/articles/discussion-xss-etag");
        assertEquals(303, reader.submit("/articles/discussion-xss-etag/comments", "body", "Changes the page").statusCode());
        HttpResponse<String> changed = http.send(HttpRequest.newBuilder(base.toURI().resolve("/articles/discussion-xss-etag"))
                .header("If-Modified-Since", modified).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, changed.statusCode(), "a comment makes the page newer than the reader's copy");
        assertTrue(Html.select(changed, "#comments .comment-body").eachText().contains("Changes the page"));
        java.time.Instant before = java.time.ZonedDateTime.parse(modified, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        java.time.Instant after = java.time.ZonedDateTime.parse(settledLastModified("/articles/discussion-xss-etag"),
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertTrue(after.isAfter(before), before + " -> " + after);
    }

    @Test
    void assetsAreAddressedByContentAndCachedForAYear() throws Exception {
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(get("/").body());
        String css = page.select("link[rel=stylesheet]").first().attr("href");
        assertTrue(css.matches("/assets/site\\.css\\?v=[0-9a-f]{16}"), css);
        HttpResponse<String> asset = get(css);
        String cache = asset.headers().firstValue("Cache-Control").orElse("");
        assertTrue(cache.contains("max-age=31536000") && cache.contains("immutable"), cache);
        String stale = get("/assets/site.css?v=0000000000000000").headers().firstValue("Cache-Control").orElse("");
        assertFalse(stale.contains("immutable"), "an old address is not cached for long");
    }

    @Test
    void pagesAndStylesAreCompressedForClientsThatAcceptIt() throws Exception {
        for (String path : List.of("/articles/open-weights-release-delays", "/assets/site.css", "/feed.atom")) {
            HttpResponse<byte[]> zipped = http.send(HttpRequest.newBuilder(base.toURI().resolve(path))
                    .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""), path);
            byte[] plain = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body())).readAllBytes();
            assertTrue(plain.length > zipped.body().length * 2, path + ": " + plain.length + " -> " + zipped.body().length);
        }
    }

    @Test
    void hstsOnlyWhenATrustedProxySaysTheRequestCameOverHttps() throws Exception {
        HttpResponse<String> plain = get("/");
        assertTrue(plain.headers().firstValue("Strict-Transport-Security").isEmpty(), "not over plain HTTP");
        HttpResponse<String> proxied = http.send(HttpRequest.newBuilder(base.toURI().resolve("/"))
                .header("X-Forwarded-Proto", "https").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("max-age=31536000; includeSubDomains",
                proxied.headers().firstValue("Strict-Transport-Security").orElse(""), "the tests' proxy address is trusted");
        assertEquals("nosniff", plain.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(plain.headers().firstValue("Permissions-Policy").isPresent());
        assertEquals("strict-origin-when-cross-origin", plain.headers().firstValue("Referrer-Policy").orElse(""));
    }

    private HttpResponse<byte[]> raw(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.toURI().resolve(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The headers a reader's browser acts on: they must not change when a page is served from memory. */
    static final List<String> PAGE_HEADERS = List.of("Content-Type", "Content-Security-Policy", "X-Frame-Options",
            "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Cache-Control", "ETag", "Vary");

    @Test
    void readersWithoutASessionGetTheSameBytesAndHeadersEveryTimeInEveryEncoding() throws Exception {
        for (String path : List.of("/articles/open-weights-release-delays", "/", "/tags/on-premise", "/feed.atom",
                "/sitemap.xml", "/search?q=on-premise+deployment")) {
            HttpResponse<byte[]> first = raw("GET", path);
            assertEquals(200, first.statusCode(), path);
            for (int i = 0; i < 3; i++) {
                HttpResponse<byte[]> again = raw("GET", path);
                assertEquals(200, again.statusCode(), path);
                assertTrue(java.util.Arrays.equals(first.body(), again.body()), path + ": the same page every time");
                for (String header : PAGE_HEADERS) {
                    assertEquals(first.headers().allValues(header), again.headers().allValues(header), path + " " + header);
                }
                assertTrue(again.headers().firstValue("Set-Cookie").isEmpty(), path + ": reading starts no session");
                assertTrue(again.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"), path);
            }
            HttpResponse<byte[]> zipped = raw("GET", path, "Accept-Encoding", "gzip, deflate");
            assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""), path);
            byte[] unzipped = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body())).readAllBytes();
            assertTrue(java.util.Arrays.equals(first.body(), unzipped), path + ": gzip holds the same bytes");
            assertEquals(first.headers().firstValue("ETag"), zipped.headers().firstValue("ETag"), path);
            HttpResponse<byte[]> refused = raw("GET", path, "Accept-Encoding", "gzip;q=0, identity");
            assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty(), path + ": gzip;q=0 means no gzip");
            assertTrue(java.util.Arrays.equals(first.body(), refused.body()), path);
            HttpResponse<byte[]> head = raw("HEAD", path);
            assertEquals(200, head.statusCode(), path);
            assertEquals(0, head.body().length, path + ": HEAD has no body");
            assertEquals(first.headers().allValues("ETag"), head.headers().allValues("ETag"), path);
            assertEquals(first.headers().allValues("Content-Type"), head.headers().allValues("Content-Type"), path);
            String tag = first.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> unchanged = raw("GET", path, "If-None-Match", "\"something-else\", " + tag);
            assertEquals(304, unchanged.statusCode(), path);
            assertEquals(0, unchanged.body().length, path);
            assertEquals(tag, unchanged.headers().firstValue("ETag").orElse(""), path);
            assertEquals(200, raw("GET", path, "If-None-Match", "\"something-else\"").statusCode(), path);
        }
    }

    private static boolean prompted(String page) {
        return org.jsoup.Jsoup.parse(page).select(".discussion").text().contains("Log in or register to comment");
    }

    @Test
    void aLoggedInReaderNeverGetsTheSharedCopyAndNoOneElseGetsTheirs() throws Exception {
        String path = "/articles/tco-capex-opex";
        String shared = get(path).body();
        assertEquals(shared, get(path).body());
        assertTrue(prompted(shared), "the shared copy is a logged-out page");

        dossier.testing.Browser reader = new dossier.testing.Browser(base.toURI());
        String name = "own" + java.util.UUID.randomUUID().toString().substring(0, 6);
        assertEquals(303, reader.register(name, "a-long-enough-password").statusCode());
        HttpResponse<String> own = reader.get(path);
        assertEquals(200, own.statusCode());
        assertFalse(prompted(own.body()), "a logged-in reader gets a comment form");
        org.jsoup.nodes.Document ownPage = Html.page(own);
        assertEquals("@" + name, ownPage.select("header.masthead a.who").text(), "and sees who is logged in");
        String token = reader.csrfToken();
        assertEquals(token, ownPage.select("form.comment-form input[name=_csrf]").val(), "the form carries the reader's own token");
        assertTrue(own.headers().firstValue("Cache-Control").orElse("").contains("private"), "a personal page is private");

        for (HttpResponse<String> after : List.of(get(path), fetch(path))) {
            assertEquals(200, after.statusCode());
            assertTrue(prompted(after.body()));
            assertFalse(after.body().contains(name), "no one else sees the reader's name");
            assertFalse(after.body().contains(token), "nor their token");
        }
        HttpResponse<String> bearer = http.send(HttpRequest.newBuilder(base.toURI().resolve(path))
                .header("Authorization", "Bearer not-a-token").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, bearer.statusCode(), "a wrong token is refused, never answered with the shared copy");
    }

    @Test
    void aSearchShownBeforeAnArticleWasPublishedFindsItOnceTheIndexHasIt() throws Exception {
        String word = "quokka" + java.util.UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 4);
        String search = "/search?q=" + word;
        assertFalse(get(search).body().contains("Marsupial logistics"));
        assertFalse(get(search).body().contains("Marsupial logistics"), "the empty result, now kept");
        dossier.testing.Browser chief = new dossier.testing.Browser(base.toURI());
        assertEquals(303, chief.logIn("chief", "chief-editor-secret-42").statusCode());
        String article = "{\"title\":\"Marsupial logistics\",\"markdown\":\"The " + word + " supply chain.\","
                + "\"tags\":[\"energy\"],\"status\":\"published\",\"published\":\"2026-03-02\",\"slug\":\"" + word + "\"}";
        assertEquals(201, chief.json("POST", "/api/articles", article, true).statusCode());
        assertTrue(eventually(FOLLOWS, () -> Html.select(get(search), "ol.results li.result h2 a").eachText().contains("Marsupial logistics")),
                "readers' kept result pages follow the index");
        assertEquals(204, chief.json("DELETE", "/api/articles/" + word, null, true).statusCode());
        assertTrue(eventually(FOLLOWS, () -> !get(search).body().contains("Marsupial logistics")), "and forget it again");
    }

    /** A new personal API token of this logged-in visitor, as the tokens page shows it once. */
    static String newToken(dossier.testing.Browser owner) {
        owner.get("/account/tokens");
        HttpResponse<String> created = owner.submit("/account/tokens", "name", "script " + java.util.UUID.randomUUID());
        assertEquals(201, created.statusCode(), created.body());
        return org.jsoup.Jsoup.parse(created.body()).getElementById("new-token").text();
    }

    private HttpResponse<String> withToken(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.toURI().resolve(path))
                .header("Accept", path.startsWith("/api/") ? "application/json" : "text/html")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean startsASession(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID"));
    }

    @Test
    void aDraftReadWithATokenNeverReachesTheSharedCopy() throws Exception {
        String token = newToken(dossier.testing.Browser.editor(base.toURI()));
        String word = "wombat" + java.util.UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 4);
        String draft = "{\"title\":\"Secret " + word + " plans\",\"markdown\":\"The " + word + " draft.\","
                + "\"tags\":[\"energy\"],\"status\":\"draft\",\"slug\":\"" + word + "\"}";
        assertEquals(201, withToken("POST", "/api/articles", token, draft).statusCode());
        List<String> pages = List.of("/articles/" + word, "/", "/search?q=" + word, "/tags/energy");
        for (String page : pages) {
            HttpResponse<String> asEditor = withToken("GET", page, token, null);
            assertTrue(asEditor.statusCode() == 200 || asEditor.statusCode() == 404, page + " " + asEditor.statusCode());
            assertFalse(startsASession(asEditor), page + ": a token call starts no session");
        }
        assertEquals("Secret " + word + " plans", Html.text(withToken("GET", "/articles/" + word, token, null), "h1"), "editors read drafts");
        assertEquals(404, get("/articles/" + word).statusCode(), "readers do not, even after an editor's token read it");
        for (String page : pages.subList(1, pages.size())) {
            assertFalse(get(page).body().contains("Secret " + word), page + " shows the draft to readers");
            assertFalse(fetch(page).body().contains("Secret " + word), page + " shows the draft to readers");
        }
        assertEquals(204, withToken("DELETE", "/api/articles/" + word, token, null).statusCode());
    }

    @Test
    void loginAndRegisterFormsStartNoSessionAndNoSharedCacheKeepsThem() throws Exception {
        for (int i = 0; i < 5; i++) {
            for (String form : List.of("/login", "/register", "/login?return=%2Ftags%2Fenergy")) {
                HttpResponse<String> page = get(form);
                assertEquals(200, page.statusCode(), form);
                assertFalse(startsASession(page), form + " starts a session: " + page.headers().allValues("Set-Cookie"));
                assertTrue(page.headers().firstValue("Cache-Control").orElse("").contains("no-store"), form + " is kept by caches");
                String token = page.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
                assertTrue(page.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.contains(token)
                        && c.contains("HttpOnly") && c.toLowerCase(java.util.Locale.ROOT).contains("samesite=strict")),
                        form + ": the form's token is also in a strict cookie");
            }
        }
        HttpResponse<String> first = get("/login");
        HttpResponse<String> second = get("/login");
        assertFalse(first.body().equals(second.body()), "every visitor gets a token of their own, never a kept copy");
    }

    @Test
    void tokenCallsStartNoSession() throws Exception {
        dossier.testing.Browser owner = dossier.testing.Browser.reader(base.toURI());
        String token = newToken(owner);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> me = withToken("GET", "/api/me", token, null);
            assertEquals(200, me.statusCode());
            assertFalse(startsASession(me), "GET /api/me with a token");
            HttpResponse<String> posted = withToken("POST", "/api/articles/tco-capex-opex/comments", token, "{\"body\":\"From a script " + i + "\"}");
            assertTrue(posted.statusCode() < 300, posted.body());
            assertFalse(startsASession(posted), "POST with a token");
        }
    }

    @Test
    void aLoginFormSpeltDifferentlyStillNeedsItsToken() throws Exception {
        String name = "slash" + java.util.UUID.randomUUID().toString().substring(0, 6);
        for (String path : List.of("/login/", "/login", "/register/", "/register", "/setup/", "/login;x=1", "/register;x=1")) {
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(base.toURI().resolve(path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + name + "&email=" + name + "%40example.org"
                            + "&password=a-long-enough-password&token=x"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(forged.statusCode() == 403 || forged.statusCode() == 404, path + " answered " + forged.statusCode());
            assertFalse(startsASession(forged), path);
        }
        HttpResponse<String> chief = http.send(HttpRequest.newBuilder(base.toURI().resolve("/login/"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("username=chief&password=chief-editor-secret-42")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, chief.statusCode(), "no login without the form's token");
        dossier.testing.Browser someone = new dossier.testing.Browser(base.toURI());
        assertEquals(401, someone.logIn(name, "a-long-enough-password").statusCode(), "and no account was made");
    }

    @Test
    void aRevokedTokenLeavesNothingBehind() throws Exception {
        dossier.testing.Browser owner = dossier.testing.Browser.reader(base.toURI());
        String token = newToken(owner);
        HttpClient script = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest me = HttpRequest.newBuilder(base.toURI().resolve("/api/me")).header("Authorization", "Bearer " + token).build();
        assertEquals(200, script.send(me, HttpResponse.BodyHandlers.ofString()).statusCode());
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(owner.get("/account/tokens").body());
        assertEquals(303, owner.submit(page.select("form[action$=/revoke]").attr("action")).statusCode());
        assertEquals(401, script.send(me, HttpResponse.BodyHandlers.ofString()).statusCode(), "revoked");
        HttpResponse<String> cookieOnly = script.send(HttpRequest.newBuilder(base.toURI().resolve("/api/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, cookieOnly.statusCode(), "no session outlives the token");
        HttpResponse<String> mint = script.send(HttpRequest.newBuilder(base.toURI().resolve("/account/tokens"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertFalse(mint.statusCode() == 200, "no token page without a login");
    }

    @Test
    void aTokenDoesNotReachTheAccountPages() throws Exception {
        dossier.testing.Browser owner = dossier.testing.Browser.reader(base.toURI());
        String token = newToken(owner);
        assertEquals(403, withToken("GET", "/account/tokens", token, null).statusCode());
        HttpRequest.Builder form = HttpRequest.newBuilder(base.toURI().resolve("/account/tokens"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=minted"));
        assertEquals(403, http.send(form.build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "a token mints no token");
        assertEquals(403, withToken("POST", "/account/logout-everywhere", token, null).statusCode());
        assertEquals(403, withToken("POST", "/account/tokens/1/revoke", token, null).statusCode());
        assertEquals(200, withToken("GET", "/api/me", token, null).statusCode(), "the API itself still answers");
    }

    @Test
    void loggingOutEverywhereEndsEverySessionOfTheAccount() throws Exception {
        String name = "every" + java.util.UUID.randomUUID().toString().substring(0, 6);
        dossier.testing.Browser laptop = new dossier.testing.Browser(base.toURI());
        assertEquals(303, laptop.register(name, "a-long-enough-password").statusCode());
        dossier.testing.Browser phone = new dossier.testing.Browser(base.toURI());
        assertEquals(303, phone.logIn(name, "a-long-enough-password").statusCode());
        dossier.testing.Browser other = dossier.testing.Browser.reader(base.toURI());
        assertEquals(200, laptop.json("GET", "/api/me", null, false).statusCode());
        assertEquals(200, phone.json("GET", "/api/me", null, false).statusCode());

        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(phone.get("/account/tokens").body());
        assertEquals(1, page.select("form[action=/account/logout-everywhere]").size(), "offered on the account's page");
        assertEquals(403, phone.post("/account/logout-everywhere", java.util.Map.of()).statusCode(), "not without the token");
        assertEquals(303, phone.submit("/account/logout-everywhere").statusCode());
        assertEquals(401, laptop.json("GET", "/api/me", null, false).statusCode(), "the other session is over");
        assertEquals(401, phone.json("GET", "/api/me", null, false).statusCode(), "and this one");
        assertEquals(200, other.json("GET", "/api/me", null, false).statusCode(), "other accounts are not touched");
        assertEquals(303, laptop.logIn(name, "a-long-enough-password").statusCode(), "logging in again works");
        assertEquals(200, laptop.json("GET", "/api/me", null, false).statusCode());
    }

    @Test
    void aBearerHeaderNeverLendsASessionCookieItsRights() throws Exception {
        dossier.testing.Browser reader = dossier.testing.Browser.reader(base.toURI());
        reader.get("/articles/tco-capex-opex");
        HttpResponse<String> junk = reader.send(reader.request("/articles/tco-capex-opex/comments")
                .header("Authorization", "Bearer junk").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString("body=forged+with+a+junk+header")),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, junk.statusCode(), "the cookie does not count beside a token");
        HttpResponse<String> json = reader.send(reader.request("/api/articles/tco-capex-opex/comments")
                .header("Authorization", "Bearer junk").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"forged\"}")), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, json.statusCode());
        assertFalse(reader.get("/articles/tco-capex-opex").body().contains("forged"), "nothing was posted");
    }

    @Test
    void theSessionCookieIsSecureWhenTheProxySaysHttps() throws Exception {
        String name = "tls" + java.util.UUID.randomUUID().toString().substring(0, 6);
        dossier.testing.Browser reader = new dossier.testing.Browser(base.toURI());
        assertEquals(303, reader.register(name, "a-long-enough-password").statusCode());
        java.net.CookieManager jar = new java.net.CookieManager();
        HttpClient proxied = HttpClient.newBuilder().cookieHandler(jar).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = proxied.send(HttpRequest.newBuilder(base.toURI().resolve("/login"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(form.headers().allValues("Set-Cookie").stream().allMatch(c -> c.contains("Secure")), form.headers().allValues("Set-Cookie").toString());
        String csrf = form.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        // The test client speaks plain HTTP to the node, so it would not send a Secure cookie itself: as the proxy would.
        String cookie = form.headers().allValues("Set-Cookie").get(0).split(";")[0];
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.toURI().resolve("/login"))
                .header("X-Forwarded-Proto", "https").header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&username=" + name + "&password=a-long-enough-password"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, login.statusCode(), login.body());
        String session = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID")).findFirst().orElse("");
        assertTrue(session.contains("Secure"), "Secure behind the TLS proxy: " + session);
        assertTrue(session.contains("HttpOnly"), session);
        HttpResponse<String> plain = new dossier.testing.Browser(base.toURI()).logIn(name, "a-long-enough-password");
        assertFalse(plain.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.contains("Secure")), "plain HTTP keeps working");
    }

    /**
     * /admin shows administrators every part of the site, each linked to the page that manages it, and what needs
     * them: a report makes the moderation part ask for attention. Readers have no such link and are refused.
     */
    @Test
    void theAdministratorsOverviewShowsEveryPartAndWhatNeedsThem() throws Exception {
        dossier.testing.Browser chief = editor();
        HttpResponse<String> before = chief.get("/admin");
        assertEquals(200, before.statusCode());
        assertEquals(1, Html.select(chief.get("/"), "nav a[href=/admin]").size(), "linked in the header");
        List<String> parts = Html.select(before, ".admin-part h2 a").eachAttr("href");
        for (String page : List.of("/health/ready", "/admin/articles", "/admin/comments", "/admin/users", "/admin/search",
                "/admin/mail", "/admin/backup", "/admin/audit")) {
            assertTrue(parts.contains(page), page + " in " + parts);
            if (page.startsWith("/admin/")) {
                assertEquals(200, chief.get(page).statusCode(), page);
            }
        }
        String documents = Html.text(before, ".admin-part:has(a[href=/admin/search]) li").replaceAll(" documents.*", "");
        assertTrue(documents.matches("\\d+") && Long.parseLong(documents) > 0, "the index's documents: " + documents);

        dossier.testing.Browser author = reader();
        author.get("/articles/discussion-moderation");
        HttpResponse<String> posted = author.submit("/articles/discussion-moderation/comments", "body", "Something to report.");
        long id = Long.parseLong(posted.headers().firstValue("Location").orElseThrow().replaceAll(".*#comment-", ""));
        dossier.testing.Browser reporter = reader();
        reporter.get("/comments/" + id + "/report");
        assertEquals(303, reporter.submit("/comments/" + id + "/report", "reason", "For the overview.").statusCode());
        HttpResponse<String> after = chief.get("/admin");
        assertEquals(openReports(before) + 1, openReports(after));
        assertEquals(1, Html.select(after, ".admin-part.attention:has(a[href=/admin/comments]) .attention").size(),
                "the moderation part asks for attention");

        assertEquals(0, Html.select(reporter.get("/"), "nav a[href=/admin]").size(), "readers have no link to it");
        assertEquals(403, reporter.get("/admin").statusCode());
    }

    private static long openReports(HttpResponse<String> overview) {
        return Long.parseLong(Html.select(overview, ".admin-part:has(a[href=/admin/comments]) li").eachText().stream()
                .filter(t -> t.endsWith("open reports")).findFirst().orElseThrow().replaceAll(" .*", ""));
    }
}
