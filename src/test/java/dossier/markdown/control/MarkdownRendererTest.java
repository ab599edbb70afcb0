package dossier.markdown.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    private final MarkdownRenderer cut = new MarkdownRenderer();

    // --- golden HTML -------------------------------------------------------------------------------------------

    @Test
    void tableColumnsKeepTheirAlignment() {
        assertGolden("table");
    }

    @Test
    void tableRowsAreCutOrPaddedToTheHeaderWidth() {
        assertGolden("table-ragged-rows");
    }

    @Test
    void tableWhoseSeparatorDoesNotMatchTheHeaderStaysText() {
        Document html = body(cut.render("| a | b |\n|---|\n| 1 | 2 |\n").html());

        assertTrue(html.select("table").isEmpty());
    }

    @Test
    void struckThroughTextIsShownAsDeleted() {
        assertEquals("<p>This is <del>wrong</del> right.</p>", cut.render("This is ~~wrong~~ right.").html().strip());
    }

    @Test
    void taskListItemsShowDisabledCheckboxes() {
        assertGolden("task-list");
    }

    @Test
    void bareUrlBecomesALinkToTheOtherHost() {
        assertEquals("<p>See <a href=\"https://example.com/report?year=2024\" rel=\"noopener\">"
                        + "https://example.com/report?year=2024</a> for details.</p>",
                cut.render("See https://example.com/report?year=2024 for details.").html().strip());
    }

    @Test
    void footnoteLinksToItsNoteAndBack() {
        assertGolden("footnote");
    }

    @Test
    void headingGetsGitHubStyleIdAndAnchorLink() {
        assertGolden("heading-anchor");
    }

    @Test
    void fencedCodeCarriesItsLanguageClass() {
        assertGolden("fenced-code");
    }

    // --- headings, title, table of contents --------------------------------------------------------------------

    @Test
    void repeatedHeadingTextGetsUniqueIds() {
        Rendering rendering = cut.render("## Costs\n\ntext\n\n## Costs\n\n### Costs\n");

        Elements headings = body(rendering.html()).select("h2, h3");
        assertEquals(List.of("costs", "costs-1", "costs-2"), headings.eachAttr("id"));
        assertEquals(List.of("#costs", "#costs-1", "#costs-2"), headings.select("a.anchor").eachAttr("href"));
    }

    @Test
    void headingAnchorLinkIsEmptyAndPrecedesTheText() {
        Element heading = body(cut.render("## Total cost of ownership").html()).selectFirst("h2");

        Element anchor = heading.child(0);
        assertEquals("a", anchor.tagName());
        assertEquals("", anchor.text());
        assertEquals("Total cost of ownership", heading.text());
    }

    @Test
    void headingIdsFollowGitHubForPunctuationAndNonAsciiText() {
        Rendering rendering = cut.render("## Ünïcode & C++ / \"quotes\" 2.0\n");

        assertEquals("ünïcode--c--quotes-20", rendering.headings().get(0).id());
        assertNotNull(body(rendering.html()).getElementById("ünïcode--c--quotes-20"));
    }

    @Test
    void tocLineRendersATableOfContentsLinkingToTheHeadings() {
        Rendering rendering = cut.render("# Guide\n\n[TOC]\n\n## Install\n\n### On Linux\n\n## Use\n");

        Document html = body(rendering.html());
        Element toc = html.selectFirst("ul.toc");
        assertNotNull(toc, rendering.html());
        assertEquals(List.of("#install", "#on-linux", "#use"), toc.select("a").eachAttr("href"));
        assertEquals(List.of("Install", "On Linux", "Use"), toc.select("a").eachText());
        for (String href : toc.select("a").eachAttr("href")) {
            assertNotNull(html.getElementById(href.substring(1)), href);
        }
        assertFalse(rendering.html().contains("[TOC]"));
    }

    @Test
    void leadingH1BecomesTheTitleAndIsLeftOutOfTheBody() {
        Rendering rendering = cut.render("# Total cost of *ownership*\n\nIntro.\n\n## Details\n");

        assertEquals("Total cost of ownership", rendering.firstHeading());
        assertTrue(body(rendering.html()).select("h1").isEmpty());
        assertFalse(rendering.html().contains("Total cost"));
        assertEquals(List.of(new Heading(2, "details", "Details")), rendering.headings());
    }

    @Test
    void leadingH1AfterAnHtmlCommentIsStillTheTitle() {
        Rendering rendering = cut.render("<!-- draft -->\n# Title\n\nText.\n");

        assertEquals("Title", rendering.firstHeading());
        assertEquals("<p>Text.</p>", rendering.html().strip());
    }

    @Test
    void documentNotBeginningWithAnH1HasNoTitleAndKeepsItsLaterH1() {
        Rendering rendering = cut.render("Intro.\n\n# Part one\n\n## Step\n");

        assertNull(rendering.firstHeading());
        assertEquals(List.of(new Heading(1, "part-one", "Part one"), new Heading(2, "step", "Step")),
                rendering.headings());
        assertEquals(1, body(rendering.html()).select("h1#part-one").size());
    }

    @Test
    void headingsAreListedInDocumentOrderWithTheirIdsAndPlainText() {
        Rendering rendering = cut.render("""
                # Title

                ## Why `record` and [links](https://example.com)

                #### Deep

                ## Why `record` and [links](https://example.com)
                """);

        assertEquals(List.of(
                new Heading(2, "why-record-and-links", "Why record and links"),
                new Heading(4, "deep", "Deep"),
                new Heading(2, "why-record-and-links-1", "Why record and links")), rendering.headings());
    }

    @Test
    void emptyDocumentRendersNothing() {
        Rendering rendering = cut.render("");

        assertEquals("", rendering.html().strip());
        assertEquals(List.of(), rendering.headings());
        assertNull(rendering.firstHeading());
        assertEquals("", rendering.plainText());
    }

    // --- raw HTML and links in articles ------------------------------------------------------------------------

    @Test
    void harmlessRawHtmlIsKept() {
        String html = cut.render("""
                <details><summary>Details</summary>Press <kbd>Ctrl</kbd>+<kbd>C</kbd></details>

                E = mc<sup>2</sup>, H<sub>2</sub>O<br>next line
                """).html();

        Document doc = body(html);
        assertEquals("Details", doc.select("details > summary").text());
        assertEquals(List.of("Ctrl", "C"), doc.select("kbd").eachText());
        assertEquals("2", doc.select("sup").text());
        assertEquals("2", doc.select("sub").text());
        assertEquals(1, doc.select("br").size());
    }

    @Test
    void htmlCommentsDisappear() {
        String html = cut.render("Before <!-- inline note -->after\n\n<!--\nblock note\n-->\n\nEnd").html();

        assertFalse(html.contains("note"), html);
        assertFalse(html.contains("<!--"), html);
        assertTrue(html.contains("End"));
    }

    @Test
    void relativeAndFragmentLinksSurviveUnchanged() {
        String html = cut.render("[ERC-20](./erc-20.md) ![diagram](../assets/x.png) [on-premise](/llm-onpremise) "
                + "[below](#section) [mail](mailto:editor@example.com)").html();

        Document doc = body(html);
        assertEquals(List.of("./erc-20.md", "/llm-onpremise", "#section", "mailto:editor@example.com"),
                doc.select("a").eachAttr("href"));
        assertEquals("../assets/x.png", doc.selectFirst("img").attr("src"));
        assertEquals("diagram", doc.selectFirst("img").attr("alt"));
    }

    @Test
    void linkWithAnUnsupportedSchemeKeepsOnlyItsText() {
        Document doc = body(cut.render("<ftp://files.example.com/a.gz> and [node](enode://abc@10.0.0.1:30303)").html());

        assertEquals(List.of("ftp://files.example.com/a.gz", "node"), doc.select("a").eachText());
        assertTrue(doc.select("a[href]").isEmpty(), doc.html());
    }

    @Test
    void onlyLinksToOtherHostsGetNoopener() {
        Document doc = body(cut.render("[ext](https://example.com) [rel](./next.md) [frag](#top) "
                + "<a href=\"https://example.org\" rel=\"nofollow\">raw</a>").html());

        assertEquals("noopener", doc.selectFirst("a:contains(ext)").attr("rel"));
        assertFalse(doc.selectFirst("a:contains(rel)").hasAttr("rel"));
        assertFalse(doc.selectFirst("a:contains(frag)").hasAttr("rel"));
        assertEquals("nofollow noopener", doc.selectFirst("a:contains(raw)").attr("rel"));
    }

    @Test
    void codeClassesOtherThanALanguageAreDropped() {
        Document doc = body(cut.render("<pre class=\"btn\"><code class=\"language-js btn-danger\">x</code></pre>\n\n"
                + "```c++\nint x;\n```\n").html());

        assertFalse(doc.selectFirst("pre").hasAttr("class"));
        assertFalse(doc.selectFirst("code").hasAttr("class"));
        assertEquals("language-c++", doc.select("code").get(1).attr("class"));
    }

    @Test
    void oldStyleNamedAnchorsBecomeLinkTargets() {
        Document doc = body(cut.render("<a name=\"summary\"></a>\n\n## Summary\n").html());

        assertEquals(1, doc.select("a#summary").size());
    }

    // --- plain text --------------------------------------------------------------------------------------------

    @Test
    void plainTextDropsMarkupButKeepsCodeAndLinkText() {
        String text = cut.plainText("""
                # Title

                Some **bold** and _emphasis_, a [link text](https://example.com/hidden-url) and `inline`.

                ```java
                int answer =
                    42;
                ```

                | a | b |
                |---|---|
                | 1 | 2 |
                """);

        assertEquals("Title Some bold and emphasis, a link text and inline. int answer = 42; a b 1 2", text);
    }

    @Test
    void plainTextLeavesOutNavigationAndRawHtmlScripts() {
        String text = cut.plainText("## Intro[^1]\n\n[TOC]\n\n<script>var secret;</script>\n\n- [x] done\n\n"
                + "[^1]: The note.\n");

        assertEquals("Intro done The note.", text);
    }

    @Test
    void renderingPlainTextLeavesOutTheTitle() {
        Rendering rendering = cut.render("# Title\n\nBody   text\nwraps.\n");

        assertEquals("Body text wraps.", rendering.plainText());
        assertEquals("Title Body text wraps.", cut.plainText("# Title\n\nBody   text\nwraps.\n"));
    }

    // --- comments ----------------------------------------------------------------------------------------------

    @Test
    void commentRawHtmlIsShownAsText() {
        String html = cut.commentHtml("I said <b>hi</b>.\n\n<div>block</div>\n");

        Document doc = body(html);
        assertTrue(doc.select("b, div").isEmpty(), html);
        assertEquals("I said <b>hi</b>. <div>block</div>", doc.text());
    }

    @Test
    void commentLinksAreAllNofollowUgcNoopener() {
        Document doc = body(cut.commentHtml("[mine](https://example.com), https://example.org and [up](#top)"));

        assertEquals(3, doc.select("a").size());
        for (Element link : doc.select("a")) {
            assertEquals("nofollow ugc noopener", link.attr("rel"), link.outerHtml());
        }
    }

    @Test
    void commentHeadingsHaveNoAnchorsOrIds() {
        Document doc = body(cut.commentHtml("## My take\n\n[TOC]\n"));

        Element heading = doc.selectFirst("h2");
        assertEquals("My take", heading.text());
        assertFalse(heading.hasAttr("id"));
        assertTrue(doc.select("a").isEmpty());
        assertTrue(doc.select("ul").isEmpty());
    }

    @Test
    void commentKeepsFormattingAndCodeBlocks() {
        String html = cut.commentHtml("Use ~~this~~ **that**:\n\n```java\nif (a < b) {}\n```\n");

        assertEquals("<p>Use <del>this</del> <strong>that</strong>:</p>\n"
                + "<pre><code class=\"language-java\">if (a &lt; b) {}\n</code></pre>", html.strip());
    }

    @Test
    void commentFootnotesDoNotCollideWithTheArticles() {
        Document doc = body(cut.commentHtml("Claim.[^1]\n\n[^1]: Source.\n"));

        Element ref = doc.selectFirst("a.footnote-ref");
        String target = ref.attr("href").substring(1);
        assertFalse(target.equals("fn-1"), target);
        assertNotNull(doc.getElementById(target));
        assertNotNull(doc.getElementById(doc.selectFirst("a.footnote-backref").attr("href").substring(1)));
    }

    // --- sharing -----------------------------------------------------------------------------------------------

    @Test
    void oneRendererServesManyThreadsAlike() throws Exception {
        String markdown = "# T\n\n## A\n\n## A\n\nText[^1] https://example.com\n\n[^1]: n\n";
        Rendering expected = cut.render(markdown);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Rendering>> results = pool.invokeAll(java.util.Collections.nCopies(200,
                    () -> cut.render(markdown)));
            for (Future<Rendering> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private void assertGolden(String name) {
        String expected = resource(name + ".html");
        String actual = cut.render(resource(name + ".md")).html();
        assertEquals(normalize(expected), normalize(actual));
    }

    private static String normalize(String html) {
        return html.replace("\r\n", "\n").strip();
    }

    private static String resource(String name) {
        try (InputStream in = MarkdownRendererTest.class.getResourceAsStream("/markdown/" + name)) {
            assertNotNull(in, "missing test resource markdown/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document body(String html) {
        return Jsoup.parseBodyFragment(html);
    }
}
