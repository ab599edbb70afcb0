package dossier.article.control;

import dossier.article.entity.Status;
import dossier.markdown.control.MarkdownRenderer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentParserTest {

    private static final Instant FILE_TIME = Instant.parse("2026-01-02T03:04:05Z");
    private final ContentParser cut = new ContentParser(new MarkdownRenderer());

    private ArticleSource parse(String path, String text) throws ContentException {
        return cut.parse(path, text.getBytes(StandardCharsets.UTF_8), "h", FILE_TIME);
    }

    @Test
    void takesEveryFieldFromTheFrontMatter() throws Exception {
        ArticleSource a = parse("x/whatever.md", """
                ---
                title: Why the labs held their open weights back
                slug: open-weights-release-delays
                summary: One paragraph.
                tags: [open-source, on-premise]
                author: Editorial team
                published: 2026-11-20T09:30:00Z
                status: published
                path: /llm-onpremise
                ---

                ## Section

                Text with a [link](/elsewhere).
                """);
        assertEquals("Why the labs held their open weights back", a.title());
        assertEquals("open-weights-release-delays", a.slug());
        assertEquals("One paragraph.", a.summary());
        assertEquals(List.of("open-source", "on-premise"), a.tags());
        assertEquals("Editorial team", a.author());
        assertEquals(Instant.parse("2026-11-20T09:30:00Z"), a.publishedAt());
        assertEquals(Status.PUBLISHED, a.status());
        assertEquals("/llm-onpremise", a.aliasPath());
        assertTrue(a.body().html().contains("<h2"));
        assertEquals("section", a.body().outline().get(0).id());
    }

    @Test
    void withoutFrontMatterTheFirstHeadingIsTheTitleAndTheFileNameTheSlug() throws Exception {
        ArticleSource a = parse("keps/sig-node/127-user-namespaces/My Notes.md", "# KEP-127: Support User Namespaces\n\nBody words here.");
        assertEquals("KEP-127: Support User Namespaces", a.title());
        assertEquals("my-notes", a.slug());
        assertEquals(Status.PUBLISHED, a.status());
        assertEquals(FILE_TIME, a.publishedAt());
        assertEquals("Body words here.", a.summary());
        assertTrue(!a.body().html().contains("<h1"), "the title heading is not repeated in the body");
    }

    @Test
    void aReadmeIsNamedAfterItsFolder() throws Exception {
        assertEquals("127-user-namespaces", parse("keps/sig-node/127-user-namespaces/README.md", "# T\n").slug());
        assertEquals("functions", parse("content/en/functions/_index.md", "---\ntitle: F\n---\n").slug());
    }

    @Test
    void oddButValidValuesAreAccepted() throws Exception {
        ArticleSource a = parse("erc-20.md", """
                ---
                eip: 20
                title: Token Standard
                status: Final
                created: 2015-11-19
                requires: 165
                tags: "economics, on premise"
                ---
                Text.
                """);
        assertEquals(Status.PUBLISHED, a.status());
        assertEquals(Instant.parse("2015-11-19T00:00:00Z"), a.publishedAt());
        assertEquals(List.of("economics", "on premise"), a.tags());
        assertEquals("erc-20", a.slug());
    }

    @Test
    void aDraftIsADraft() throws Exception {
        assertEquals(Status.DRAFT, parse("d.md", "---\ntitle: D\nstatus: Draft\n---\n").status());
        assertEquals(Status.DRAFT, parse("d.md", "---\ntitle: D\ndraft: true\n---\n").status());
    }

    @Test
    void aFileWithNoTitleAtAllIsRefusedWithTheReason() {
        ContentException e = assertThrows(ContentException.class,
                () -> parse("eip-1046.md", "---\neip: 1046\nstatus: Moved\n---\n\nThis file was moved."));
        assertTrue(e.getMessage().contains("no title"), e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] latin1 = "---\ntitle: Café\n---\n".getBytes(StandardCharsets.ISO_8859_1);
        ContentException e = assertThrows(ContentException.class, () -> cut.parse("l.md", latin1, "h", FILE_TIME));
        assertTrue(e.getMessage().contains("UTF-8"));
    }

    @Test
    void anUnparseableDateIsRefused() {
        assertThrows(ContentException.class, () -> parse("d.md", "---\ntitle: D\npublished: next tuesday\n---\n"));
    }

    @Test
    void anAliasMayNotHideTheSiteOwnAddresses() {
        assertThrows(ContentException.class, () -> parse("a.md", "---\ntitle: A\npath: /articles\n---\n"));
        assertThrows(ContentException.class, () -> parse("a.md", "---\ntitle: A\npath: /../etc/passwd\n---\n"));
        assertThrows(ContentException.class, () -> parse("a.md", "---\ntitle: A\npath: no-slash\n---\n"));
    }

    @Test
    void anAutomaticSummaryKeepsFormulasWholeAndMarkedAsFormulas() throws Exception {
        ArticleSource a = parse("m.md", "---\ntitle: M\n---\nThe energy is $E = mc^2$. " + "word ".repeat(48)
                + "and then $\\frac{a + b + c + d + e + f + g + h}{i + j + k + l + m + n + o}$ " + "word ".repeat(30));
        assertTrue(a.summary().startsWith("The energy is $E = mc^2$."), a.summary());
        assertFalse(a.summary().contains("\\frac"), "the formula at the cut is left out, not cut in two: " + a.summary());
        assertTrue(a.summary().endsWith("and then…"), a.summary());
    }

    @Test
    void aLongBodyGetsAShortSummaryAtAWordBoundary() throws Exception {
        ArticleSource a = parse("l.md", "---\ntitle: L\n---\n" + "word ".repeat(200));
        assertTrue(a.summary().length() <= ContentParser.SUMMARY_CHARS + 1);
        assertTrue(a.summary().endsWith("word…"));
        assertEquals(200, a.body().wordCount());
    }

    @Test
    void aCjkFileNameWithoutSlugIsRefusedWithAHint() {
        ContentException e = assertThrows(ContentException.class, () -> parse("中文.md", "---\ntitle: 中文\n---\n"));
        assertTrue(e.getMessage().contains("slug"));
    }
}
