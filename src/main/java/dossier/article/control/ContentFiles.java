package dossier.article.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The Markdown files of a content folder, and one of them read: unchanged since its last import (the same
 * content hash), an article to store, or a problem that says why it cannot be one.
 */
public final class ContentFiles {

    private static final Logger LOG = Logger.getLogger(ContentFiles.class.getName());

    /** What reading one file gave; exactly one of {@code source}, {@code unchanged} and {@code problem} says it. */
    public record Outcome(String path, ArticleSource source, boolean unchanged, String problem) {
    }

    private ContentFiles() {
    }

    /** Every {@code *.md} file under the folder, in a stable order. */
    public static List<Path> markdownFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list content folder " + dir, e);
        }
    }

    /** The file's path in the folder, with forward slashes on every system. */
    public static String path(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    /**
     * Reads one file; {@code knownHashes} (path → content hash at its last import) tells an unchanged file, which
     * costs a hash and nothing else.
     */
    public static Outcome read(Path dir, Path file, Map<String, String> knownHashes, ContentParser parser) {
        String path = path(dir, file);
        try {
            byte[] bytes = Files.readAllBytes(file);
            String hash = sha256(bytes);
            if (hash.equals(knownHashes.get(path))) {
                return new Outcome(path, null, true, null);
            }
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            return new Outcome(path, parser.parse(path, bytes, hash, modified), false, null);
        } catch (ContentException e) {
            return new Outcome(path, null, false, e.getMessage());
        } catch (IOException e) {
            return new Outcome(path, null, false, "it cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Unexpected failure reading " + path, e);
            return new Outcome(path, null, false, "it could not be rendered: " + e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
