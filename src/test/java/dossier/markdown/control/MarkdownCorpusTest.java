package dossier.markdown.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The nesting limit against real writing: the shared corpus of 3,221 Markdown documents (skipped where it is not
 * checked out). None reaches the limit, so flexmark gets every one of them unchanged and renders it as before.
 * Rendering all of them takes minutes on two cores: by default the deepest and a sample are rendered, and
 * {@code -Ddossier.corpus.full=true} renders every one.
 */
class MarkdownCorpusTest {

    private static final Path CORPUS = Path.of("..", "shared", "corpus", "markdown");

    private final MarkdownRenderer cut = new MarkdownRenderer();

    private record Measured(Path file, String markdown, int depth) {
    }

    @Test
    void realDocumentsStayBelowTheLimitAndRenderUnchanged() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "the corpus is not checked out at " + CORPUS.toAbsolutePath());
        List<Measured> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CORPUS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String markdown = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                Nesting.Result result = Nesting.scan(markdown, MarkdownRenderer.MAX_NESTING);
                assertSame(markdown, result.flattened(), file + " would be changed before rendering");
                all.add(new Measured(file, markdown, Math.max(result.containers(), result.inline())));
            }
        }
        assertTrue(all.size() > 3_000, all.size() + " documents");
        int deepest = all.stream().mapToInt(Measured::depth).max().orElse(0);
        assertTrue(deepest <= MarkdownRenderer.MAX_NESTING / 2, "real writing nests " + deepest + " levels deep");

        boolean full = Boolean.getBoolean("dossier.corpus.full");
        List<Measured> rendered = new ArrayList<>(all.stream().sorted(Comparator.comparingInt(Measured::depth).reversed())
                .limit(full ? all.size() : 10).toList());
        for (int i = 0; !full && i < all.size(); i += 200) {
            rendered.add(all.get(i));
        }
        for (Measured m : rendered) {
            Rendering rendering = cut.render(m.markdown());
            assertTrue(rendering.html().length() + rendering.plainText().length() > 0 || m.markdown().isBlank(), m.file().toString());
            assertEquals(cut.commentHtml(m.markdown()), cut.commentHtmlOrText(m.markdown()), m.file().toString());
        }
    }
}
