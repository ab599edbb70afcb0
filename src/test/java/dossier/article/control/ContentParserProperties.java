package dossier.article.control;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import dossier.markdown.control.MarkdownRenderer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A content file may hold anything: the parser reads it or refuses it with {@link ContentException} and a reason,
 * never with another exception, and in bounded time.
 */
class ContentParserProperties {

    /** A bound on work against a hang, generous for a loaded machine, not a speed target. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Instant FILE_TIME = Instant.parse("2024-05-01T00:00:00Z");

    private final ContentParser cut = new ContentParser(new MarkdownRenderer());

    @Provide
    Arbitrary<byte[]> files() {
        Arbitrary<String> key = Arbitraries.of("title", "slug", "summary", "tags", "author", "published", "status", "path",
                "x".repeat(300), "&a", "*a", "!!binary", "<<", "? ", "- ");
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300),
                Arbitraries.of("[a, b]", "{a: 1}", "2026-13-45", "9999999999-01-01", "&x [*x, *x]", "!!python/object:x",
                        "\"unterminated", "'", "null", "~", "2147483648", "-1e999", "[[[[[[[[[[", "{{{{{{{{", "|", ">"),
                Arbitraries.strings().withChars('[', '{', ']', '}', ',', ':').ofMaxLength(2_000));
        Arbitrary<String> line = Combinators.combine(key, value).as((k, v) -> k + ": " + v);
        Arbitrary<String> frontMatter = line.list().ofMaxSize(20).map(lines -> "---\n" + String.join("\n", lines) + "\n---\n");
        Arbitrary<String> body = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(2_000),
                Arbitraries.of("# Title\n", ">".repeat(2_000), "- ".repeat(1_000) + "x", "*a ".repeat(1_000) + "b" + " c*".repeat(1_000)));
        Arbitrary<byte[]> text = Combinators.combine(frontMatter, body).as((f, b) -> (f + b).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(4_000);
        Arbitrary<byte[]> headed = raw.map(b -> {
            byte[] head = "---\ntitle: ".getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + b.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(b, 0, all, head.length, b.length);
            return all;
        });
        return Arbitraries.oneOf(text, raw, headed);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(1_000).map(s -> s + ".md"),
                Arbitraries.of("a.md", "../../etc/passwd.md", ".md", "-.md", "a/b/c.md", "\u0000.md", "x".repeat(5_000) + ".md"));
    }

    @Property(tries = 200)
    void anyFileIsReadOrRefusedWithAReason(@ForAll("files") byte[] file, @ForAll("names") String name) {
        assertTimeoutPreemptively(BOUND, () -> {
            try {
                assertNotNull(cut.parse(name, file, "hash", FILE_TIME));
            } catch (ContentException refused) {
                assertNotNull(refused.getMessage()); // the documented refusal
            }
        });
    }

    @Property(tries = 100)
    void anyFrontMatterIsReadOrRefusedWithAReason(@ForAll("files") byte[] file) {
        assertTimeoutPreemptively(BOUND, () -> {
            try {
                assertNotNull(FrontMatter.parse(new String(file, StandardCharsets.UTF_8)));
            } catch (ContentException refused) {
                assertNotNull(refused.getMessage());
            }
        });
    }
}
