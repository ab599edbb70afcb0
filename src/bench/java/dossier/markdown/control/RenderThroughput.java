package dossier.markdown.control;

import dossier.bench.Corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Measures how fast {@link MarkdownRenderer#render} is over a real corpus, on one thread. A measurement, not a
 * test: timings on shared machines are too noisy to assert on.
 *
 * <p>Run: {@code mvn -Pbench test-compile exec:java -Dexec.mainClass=dossier.markdown.control.RenderThroughput
 * -Dexec.args="[corpus-dir] [rounds]"}; the corpus folder defaults to the {@code markdown} corpus of {@link Corpus}. Every {@code .md} file under the directory is rendered, except the corpus's own
 * {@code README.md} and {@code LICENSE.md} files; a leading {@code ---} YAML block is stripped first.
 */
public final class RenderThroughput {

    private static final Logger LOG = Logger.getLogger(RenderThroughput.class.getName());

    private RenderThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Corpus.folder(args.length > 0 ? args[0] : null, "markdown");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> documents = load(root);
        long bytes = documents.stream().mapToLong(d -> d.getBytes(StandardCharsets.UTF_8).length).sum();
        LOG.info(() -> String.format(Locale.ROOT, "%d documents, %.1f MB after front matter", documents.size(),
                bytes / 1e6));

        MarkdownRenderer cut = new MarkdownRenderer();
        long sink = 0;
        for (int warmUp = 0; warmUp < 2; warmUp++) {
            sink += renderAll(cut, documents);
        }
        double best = Double.MAX_VALUE;
        double total = 0;
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            sink += renderAll(cut, documents);
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.min(best, seconds);
            total += seconds;
            double roundSeconds = seconds;
            int roundNumber = round;
            LOG.info(() -> String.format(Locale.ROOT, "round %d: %.2f s, %.0f files/s, %.2f MB/s", roundNumber,
                    roundSeconds, documents.size() / roundSeconds, bytes / 1e6 / roundSeconds));
        }
        double mean = total / rounds;
        double fastest = best;
        long output = sink;
        LOG.info(() -> String.format(Locale.ROOT,
                "mean of %d rounds: %.0f files/s, %.2f MB/s; best: %.0f files/s, %.2f MB/s (%d chars of HTML)",
                rounds, documents.size() / mean, bytes / 1e6 / mean, documents.size() / fastest,
                bytes / 1e6 / fastest, output / (rounds + 2)));
    }

    private static long renderAll(MarkdownRenderer cut, List<String> documents) {
        long chars = 0;
        for (String document : documents) {
            chars += cut.render(document).html().length();
        }
        return chars;
    }

    static List<String> load(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".md"))
                    .filter(file -> !file.getParent().equals(root))
                    .filter(file -> !file.getFileName().toString().equals("LICENSE.md"))
                    .sorted()
                    .map(RenderThroughput::read)
                    .map(RenderThroughput::withoutFrontMatter)
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String withoutFrontMatter(String markdown) {
        if (!markdown.startsWith("---\n")) {
            return markdown;
        }
        int end = markdown.indexOf("\n---", 3);
        while (end >= 0) {
            int lineEnd = end + 4;
            if (lineEnd == markdown.length() || markdown.charAt(lineEnd) == '\n') {
                return lineEnd == markdown.length() ? "" : markdown.substring(lineEnd + 1);
            }
            end = markdown.indexOf("\n---", lineEnd);
        }
        return markdown;
    }
}
