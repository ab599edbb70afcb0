package dossier.site;

import dossier.article.control.FrontMatter;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real WAR in Payara Micro, driven over HTTP as a reader's browser would. One deployment for all of
 * these: every boot of Payara Micro costs seconds. The content folder is the site's own {@code content/}
 * plus the files of {@code src/test/content} (a draft, a broken file, a file titled by its heading).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SiteIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/ROOT.war"));
    }

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = base.toURI().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
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

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;").replace("'", "&#39;");
    }

    @Test
    void theHomePageListsEveryShippedArticle() throws Exception {
        HttpResponse<String> home = get("/");
        assertEquals(200, home.statusCode());
        assertTrue(home.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        List<String> titles = shippedTitles();
        assertTrue(titles.size() >= 7, "the site ships its own articles");
        for (String title : titles) {
            assertTrue(home.body().contains(html(title)), "home lists " + title);
        }
    }

    @Test
    void anArticleRendersItsTableFootnotesAndTableOfContents() throws Exception {
        HttpResponse<String> page = get("/articles/open-weights-release-delays");
        assertEquals(200, page.statusCode());
        String body = page.body();
        assertTrue(body.contains("<table"), "a GFM table");
        assertTrue(body.contains("class=\"footnotes\""), "footnotes");
        assertTrue(body.contains("footnote-backref"), "footnote back-links");
        assertTrue(body.contains("<nav class=\"toc\""), "a table of contents");
        Matcher tocLink = Pattern.compile("<li class=\"toc-level-2\"><a href=\"#([^\"]+)\">").matcher(body);
        assertTrue(tocLink.find(), "the table of contents links to sections");
        assertTrue(body.contains("id=\"" + tocLink.group(1) + "\""), "each entry's target exists in the body");
        assertTrue(body.contains("min read"), "reading time");
        assertEquals(1, count(body, "<h1"), "one title heading");
    }

    @Test
    void theHubAnswersAtItsAliasPath() throws Exception {
        HttpResponse<String> hub = get("/llm-onpremise");
        assertEquals(200, hub.statusCode());
        assertTrue(hub.body().contains("Frameworks for on-premise LLM deployment"));
        Matcher links = Pattern.compile("href=\"/articles/([a-z0-9-]+)\"").matcher(hub.body());
        int linked = 0;
        while (links.find()) {
            assertEquals(200, get("/articles/" + links.group(1)).statusCode(), "hub link to " + links.group(1));
            linked++;
        }
        assertTrue(linked >= 4, "the hub links at least four framework articles");
    }

    @Test
    void anUnknownAddressGetsTheFriendlyNotFoundPage() throws Exception {
        for (String path : List.of("/no-such-page", "/articles/no-such-article", "/a/b/c", "/tags/no-such-tag")) {
            HttpResponse<String> missing = get(path);
            assertEquals(404, missing.statusCode(), path);
            assertTrue(missing.body().contains("Page not found"), path);
            assertTrue(missing.body().contains("href=\"/\""), "a link home on " + path);
            assertFalse(missing.body().contains("Exception"), "no stack trace on " + path);
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
        assertTrue(titled.body().contains("<h1>A title that comes from the first heading</h1>"));
        assertEquals(1, count(titled.body(), "<h1"), "the heading became the title, not a second H1");
    }

    @Test
    void aTagPageListsItsArticles() throws Exception {
        HttpResponse<String> tag = get("/tags/frameworks");
        assertEquals(200, tag.statusCode());
        assertTrue(tag.body().contains("Total cost of ownership"));
        assertFalse(tag.body().contains("Open weights on hold"), "an article without the tag is not listed");
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndLoadNothingFromElsewhere() throws Exception {
        HttpResponse<String> page = get("/articles/tco-capex-opex");
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline"));
        Matcher refs = Pattern.compile("(?:src|href)=\"(https?:)?//").matcher(page.body().replaceAll("(?s)<div class=\"body\">.*?</article>", ""));
        assertFalse(refs.find(), "no asset from another host in the page frame");
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

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
