package dossier.markdown.control;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever Markdown arrives, an article renders and a comment renders or is refused with {@link RefusedMarkdown}:
 * nothing else is thrown, no {@link StackOverflowError} above all, and each text takes a bounded time (a bound
 * on work, generous for a loaded machine, not a speed target).
 */
class MarkdownRendererProperties {

    static final Duration BOUND = Duration.ofSeconds(10);

    private final MarkdownRenderer cut = new MarkdownRenderer();

    /** Pieces that open a level of nesting, and some that close or separate them. */
    private static final List<String> NESTING = List.of(">", "> ", "- ", "* ", "+ ", "1. ", "2) ", "  ", "\t", "\n",
            "\n\n", "*", "**", "_", "__", "~~", "*a ", "_a ", "~~a ", " c*", " c_", " c~~", "[", "](u)", "![", "[^",
            "`", "```\n", "<div>", "</div>", "$", "$$", "|", "---", "===", "\\", "a", " ");

    @Provide
    Arbitrary<String> deeplyNested() {
        Arbitrary<String> piece = Arbitraries.of(NESTING);
        Arbitrary<String> repeated = Combinators.combine(piece, Arbitraries.integers().between(1, 3_000))
                .as((p, n) -> p.repeat(n));
        return repeated.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("", parts))
                .filter(s -> s.length() <= 10_000);
    }

    @Provide
    Arbitrary<String> mixed() {
        return Arbitraries.of(NESTING).list().ofMaxSize(1_500).map(parts -> String.join("", parts));
    }

    /** Bytes as a request or a file brings them, decoded as the site decodes form posts and JSON: UTF-8, lenient. */
    @Provide
    Arbitrary<String> invalidUtf8() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4_000).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    @Property(tries = 40)
    void deepNestingNeverEscapesAsAnError(@ForAll("deeplyNested") String markdown) {
        renderBoth(markdown);
    }

    @Property(tries = 30)
    void mixedMarkupNeverEscapesAsAnError(@ForAll("mixed") String markdown) {
        renderBoth(markdown);
    }

    @Property(tries = 100)
    void anyTextNeverEscapesAsAnError(@ForAll("invalidUtf8") String markdown) {
        renderBoth(markdown);
    }

    @Property(tries = 50)
    void unicodeNeverEscapesAsAnError(@ForAll String markdown) {
        renderBoth(markdown);
    }

    private void renderBoth(String markdown) {
        assertTimeoutPreemptively(BOUND, () -> {
            assertNotNull(cut.render(markdown).html());
            assertNotNull(cut.plainText(markdown));
            try {
                assertNotNull(cut.commentHtml(markdown));
            } catch (RefusedMarkdown refused) {
                assertNotNull(refused.getMessage()); // the documented refusal
            }
            assertNotNull(cut.commentHtmlOrText(markdown));
        });
    }
}
