package dossier.markdown.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Markdown that nests deeply enough to overflow flexmark's recursive renderer, as comments and as articles. */
class MarkdownNestingTest {

    private final MarkdownRenderer cut = new MarkdownRenderer();

    /** Each of these overflowed the stack of the thread that rendered it. */
    static Stream<Arguments> attacks() {
        return Stream.of(
                Arguments.of("block quotes", ">".repeat(1_000)),
                Arguments.of("bullets", "- ".repeat(500) + "x"),
                Arguments.of("numbers", "1. ".repeat(500)),
                Arguments.of("quotes in list items", "- > ".repeat(300) + "x"),
                Arguments.of("indented lists", IntStream.range(0, 700).mapToObj(i -> "  ".repeat(i) + "- x")
                        .collect(Collectors.joining("\n"))),
                Arguments.of("quotes on lines", IntStream.range(1, 700).mapToObj(i -> ">".repeat(i) + " x")
                        .collect(Collectors.joining("\n"))),
                Arguments.of("emphasis", "*a ".repeat(3_000) + "b" + " c*".repeat(3_000)),
                Arguments.of("underscores", "_a ".repeat(3_000) + "b" + " c_".repeat(3_000)),
                Arguments.of("strike-through", "~~a ".repeat(3_000) + "b" + " c~~".repeat(3_000)),
                Arguments.of("images", "![".repeat(3_000) + "](b)".repeat(3_000)),
                Arguments.of("emphasis over lines", "*a\n".repeat(3_000) + "b" + "\nc*".repeat(3_000)),
                Arguments.of("a long run of stars", "*".repeat(5_000) + "a" + "*".repeat(5_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aCommentThatNestsTooDeeplyIsRefusedWithAReason(String name, String markdown) {
        RefusedMarkdown refused = assertThrows(RefusedMarkdown.class, () -> cut.commentHtml(markdown));
        assertTrue(refused.getMessage().startsWith("This comment nests"), refused.getMessage());
        assertTrue(refused.getMessage().contains(MarkdownRenderer.MAX_NESTING + " levels deep"), refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void anArticleThatNestsTooDeeplyShowsTheDeeperLevelsAsText(String name, String markdown) {
        Rendering rendering = assertDoesNotThrow(() -> cut.render(markdown));
        Element body = Jsoup.parseBodyFragment(rendering.html()).body();
        int deepest = body.getAllElements().stream().mapToInt(MarkdownNestingTest::depth).max().orElse(0);
        // Each level of a list is two elements (ul, li); emphasis may stack em and strong per delimiter pair.
        assertTrue(deepest <= 2 * MarkdownRenderer.MAX_NESTING + 4, name + ": " + deepest + " elements deep");
        assertDoesNotThrow(() -> cut.commentHtmlOrText(markdown));
        assertDoesNotThrow(() -> cut.plainText(markdown));
    }

    @Test
    void nestingUpToTheLimitRendersAsBefore() {
        int levels = MarkdownRenderer.MAX_NESTING;
        String quotes = ">".repeat(levels) + " deep";
        assertEquals(levels, Jsoup.parseBodyFragment(cut.commentHtml(quotes)).select("blockquote").size());
        String lists = IntStream.range(0, levels).mapToObj(i -> "  ".repeat(i) + "- level " + i).collect(Collectors.joining("\n"));
        assertEquals(levels, Jsoup.parseBodyFragment(cut.commentHtml(lists)).select("ul").size());
        assertEquals(levels, Jsoup.parseBodyFragment(cut.render(lists).html()).select("ul").size());
        String emphasis = "*a ".repeat(levels / 2) + "b" + " c*".repeat(levels / 2);
        assertEquals(levels / 2, Jsoup.parseBodyFragment(cut.commentHtml(emphasis)).select("em").size());
    }

    @Test
    void anArticleKeepsItsFirstLevelsAndTheTextOfTheRest() {
        String html = cut.render(">".repeat(1_000) + " deep").html();
        assertEquals(MarkdownRenderer.MAX_NESTING, Jsoup.parseBodyFragment(html).select("blockquote").size());
        assertTrue(html.contains("&gt;&gt;&gt;"), "the deeper markers are text");
        assertTrue(html.contains("deep"));
    }

    @Test
    void aVeryLongRuleStaysARuleAndAVeryLongUnderlineAHeading() {
        for (String rule : List.of("-".repeat(9_000), "* ".repeat(5_000), "_".repeat(9_000))) {
            assertEquals("<hr>", cut.commentHtml(rule).strip(), rule.substring(0, 5));
            assertEquals("<hr>", cut.render("Text\n\n" + rule).html().replaceAll("(?s)<p>.*</p>", "").strip());
        }
        assertEquals(cut.render("Title\n---").html(), cut.render("Title\n" + "-".repeat(9_000)).html());
        assertEquals(cut.render("Title\n===").html(), cut.render("Title\n" + "=".repeat(9_000)).html());
    }

    private static int depth(Element element) {
        int depth = 0;
        for (Element e = element; e.parent() != null; e = e.parent()) {
            depth++;
        }
        return depth;
    }
}
