package dossier.article.boundary;

import dossier.article.control.ArticleSource;
import dossier.article.control.ContentException;
import dossier.article.control.ContentParser;
import dossier.markdown.control.MarkdownRenderer;
import dossier.site.control.DatabaseSchema;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Imports every {@code *.md} file under the content folder at start-up. Unchanged files (same content hash)
 * cost a hash and nothing else; a file that cannot become an article is logged with its path and reason
 * and skipped, and the rest still import.
 */
@ApplicationScoped
public class ContentImport {

    private static final Logger LOG = Logger.getLogger(ContentImport.class.getName());
    /** Files read, rendered and stored together, in one transaction. */
    static final int CHUNK = 256;

    /**
     * What one import run did, or in a dry run would do. {@code conflicts} are files changed on disk whose
     * articles were edited in the browser (not imported); {@code missing} are files imported once and gone
     * from disk now (their articles stay); {@code changes} names each file that is or would be imported:
     * "new" or "updated".
     */
    public record Report(int added, int updated, int unchanged, Map<String, String> skipped, List<String> conflicts,
                         List<String> missing, Map<String, String> changes, boolean dryRun, double seconds,
                         double readSeconds, double storeSeconds) {
        public int imported() {
            return added + updated;
        }
    }

    private record Outcome(String path, ArticleSource source, String unchangedSlug, String problem) {
    }

    @Inject
    ImportBatches imports;

    @Inject
    MarkdownRenderer renderer;

    @Inject
    @ConfigProperty(name = "dossier.content.dir", defaultValue = "./content")
    String contentDir;

    void onStart(@Observes @Priority(DatabaseSchema.AFTER_MIGRATION) @Initialized(ApplicationScoped.class) Object event) {
        Path dir = Path.of(contentDir).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            LOG.warning(() -> "Content folder " + dir + " does not exist: nothing imported.");
            return;
        }
        importAll(dir, false);
    }

    /** The configured content folder, or null when it does not exist. */
    public Path folder() {
        Path dir = Path.of(contentDir).toAbsolutePath().normalize();
        return Files.isDirectory(dir) ? dir : null;
    }

    /** A sync of the configured folder, from the admin page or the API. */
    public Report sync(boolean dryRun) {
        Path dir = folder();
        if (dir == null) {
            throw new IllegalStateException("The content folder " + contentDir + " does not exist.");
        }
        return importAll(dir, dryRun);
    }

    /** One content file, read and rendered again (to settle a sync conflict in the file's favour). */
    public ArticleSource reread(String path) {
        Path dir = folder();
        Path file = dir == null ? null : dir.resolve(path).normalize();
        if (file == null || !file.startsWith(dir) || !Files.isRegularFile(file)) {
            throw new IllegalStateException("The file " + path + " is no longer in the content folder.");
        }
        Outcome o = read(dir, file, Map.of(), new ContentParser(renderer));
        if (o.problem() != null) {
            throw new IllegalStateException("The file " + path + " cannot be imported: " + o.problem() + ".");
        }
        return o.source();
    }

    public Report importAll(Path dir) {
        return importAll(dir, false);
    }

    public Report importAll(Path dir, boolean dryRun) {
        Report r = run(dir, dryRun);
        LOG.info(() -> String.format(Locale.ROOT,
                "Content %s from %s: %d %s (%d new, %d updated), %d unchanged, %d skipped, %d in conflict with"
                        + " browser edits, %d missing from disk, in %.2f s (%.2f s reading and rendering, %.2f s storing)",
                dryRun ? "sync dry run" : "import", dir, r.imported(), dryRun ? "to import" : "imported", r.added(),
                r.updated(), r.unchanged(), r.skipped().size(), r.conflicts().size(), r.missing().size(), r.seconds(),
                r.readSeconds(), r.storeSeconds()));
        r.conflicts().forEach(path -> LOG.warning(() -> "Sync conflict: " + path + " changed on disk, but its article"
                + " was edited in the browser since its last import; the browser's version stays until an editor decides"
                + " (/admin/sync)."));
        r.missing().forEach(path -> LOG.warning(() -> "Content file " + path + " is gone from disk; its article stays."));
        return r;
    }

    private Report run(Path dir, boolean dryRun) {
        long start = System.nanoTime();
        Instant now = Instant.now();
        List<Path> files = markdownFiles(dir);
        Map<String, ImportBatches.Source> known = imports.sourcesByPath();
        Map<String, ImportBatches.Source> knownBySlug = new HashMap<>();
        known.values().forEach(s -> knownBySlug.put(s.slug(), s));
        ContentParser parser = new ContentParser(renderer);
        java.util.Set<String> onDisk = new java.util.HashSet<>();
        files.forEach(f -> onDisk.add(dir.relativize(f).toString().replace('\\', '/')));
        Claims claims = new Claims(known, onDisk);
        List<String> conflicts = new ArrayList<>();
        Map<String, String> changes = new TreeMap<>();
        Map<String, String> skipped = new TreeMap<>();
        int unchanged = 0;
        int added = 0;
        int updated = 0;
        long reading = 0;
        long storing = 0;
        // In chunks, so that memory holds one chunk of rendered articles, not the whole folder.
        for (int i = 0; i < files.size(); i += CHUNK) {
            long t0 = System.nanoTime();
            List<Outcome> outcomes = files.subList(i, Math.min(files.size(), i + CHUNK)).parallelStream()
                    .map(file -> read(dir, file, known, parser))
                    .toList();
            List<ArticleSource> batch = new ArrayList<>();
            for (Outcome o : outcomes) {
                if (o.problem() != null) {
                    skip(skipped, o.path(), o.problem());
                } else if (o.unchangedSlug() != null) {
                    unchanged++;
                } else {
                    String refused = claims.claim(o.source());
                    if (refused != null) {
                        skip(skipped, o.path(), refused);
                    } else {
                        batch.add(claims.placed(o.source()));
                    }
                }
            }
            long t1 = System.nanoTime();
            List<ArticleSource> stored = dryRun ? plan(batch, knownBySlug, conflicts) : store(batch, now, skipped, conflicts);
            long t2 = System.nanoTime();
            reading += t1 - t0;
            storing += t2 - t1;
            for (ArticleSource s : stored) {
                if (knownBySlug.containsKey(s.slug())) {
                    updated++;
                    changes.put(s.sourcePath(), "updated");
                } else {
                    added++;
                    changes.put(s.sourcePath(), "new");
                }
            }
        }
        List<String> missing = known.values().stream()
                .map(ImportBatches.Source::path)
                .filter(p -> p != null && !onDisk.contains(p))
                .sorted()
                .toList();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Report(added, updated, unchanged, skipped, List.copyOf(conflicts), missing, changes, dryRun, seconds,
                reading / 1e9, storing / 1e9);
    }

    /** What storing a batch would do, without storing it: the files whose articles have browser edits conflict. */
    private static List<ArticleSource> plan(List<ArticleSource> batch, Map<String, ImportBatches.Source> knownBySlug,
                                            List<String> conflicts) {
        List<ArticleSource> stored = new ArrayList<>();
        for (ArticleSource s : batch) {
            ImportBatches.Source before = knownBySlug.get(s.slug());
            if (before != null && before.edited()) {
                conflicts.add(s.sourcePath());
            } else {
                stored.add(s);
            }
        }
        return stored;
    }

    /** Which file owns which slug and alias path: in the database already, or earlier in this run. */
    private static final class Claims {
        private final Map<String, String> slugs = new HashMap<>();
        private final Map<String, String> aliases = new HashMap<>();
        private final Map<String, String> placedSlugs = new HashMap<>();

        /**
         * A slug is a file's stable identity: an article keeps its slug's claim while its file is on disk; a file
         * that moved (or a browser article's file that appeared) takes the slug over.
         */
        Claims(Map<String, ImportBatches.Source> known, java.util.Set<String> onDisk) {
            known.values().stream().filter(s -> s.path() != null && onDisk.contains(s.path()))
                    .forEach(s -> slugs.put(s.slug(), s.path()));
        }

        /** Null when the file may be stored, else the reason it may not. */
        String claim(ArticleSource s) {
            String slug = s.slug();
            String owner = slugs.putIfAbsent(slug, s.sourcePath());
            if (owner != null && !owner.equals(s.sourcePath())) {
                String qualified = ContentParser.qualifiedSlug(s);
                String qualifiedOwner = qualified == null ? owner : slugs.putIfAbsent(qualified, s.sourcePath());
                if (qualifiedOwner != null && !qualifiedOwner.equals(s.sourcePath())) {
                    return "its slug '" + slug + "' is already taken by " + owner;
                }
                slug = qualified;
            }
            if (s.aliasPath() != null) {
                String aliasOwner = aliases.putIfAbsent(s.aliasPath(), s.sourcePath());
                if (aliasOwner != null && !aliasOwner.equals(s.sourcePath())) {
                    return "its path '" + s.aliasPath() + "' is already taken by " + aliasOwner;
                }
            }
            placedSlugs.put(s.sourcePath(), slug);
            return null;
        }

        ArticleSource placed(ArticleSource s) {
            String slug = placedSlugs.get(s.sourcePath());
            return slug.equals(s.slug()) ? s : s.withSlug(slug);
        }
    }

    /** Stores a batch in one transaction; returns what was stored (not the conflicts, which it adds to theirs). */
    private List<ArticleSource> store(List<ArticleSource> batch, Instant now, Map<String, String> skipped,
                                      List<String> conflicts) {
        if (batch.isEmpty()) {
            return batch;
        }
        try {
            List<String> refused = imports.store(batch, now);
            conflicts.addAll(refused);
            return batch.stream().filter(s -> !refused.contains(s.sourcePath())).toList();
        } catch (RuntimeException batchFailed) {
            // One bad file must not cost its neighbours: store them one by one to find it.
            List<ArticleSource> stored = new ArrayList<>();
            for (ArticleSource one : batch) {
                try {
                    List<String> refused = imports.store(List.of(one), now);
                    conflicts.addAll(refused);
                    if (refused.isEmpty()) {
                        stored.add(one);
                    }
                } catch (RuntimeException e) {
                    skip(skipped, one.sourcePath(), "the database refused it: " + rootMessage(e));
                }
            }
            return stored;
        }
    }

    private static Outcome read(Path dir, Path file, Map<String, ImportBatches.Source> known, ContentParser parser) {
        String path = dir.relativize(file).toString().replace('\\', '/');
        try {
            byte[] bytes = Files.readAllBytes(file);
            String hash = sha256(bytes);
            ImportBatches.Source before = known.get(path);
            if (before != null && hash.equals(before.hash())) {
                return new Outcome(path, null, before.slug(), null);
            }
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            return new Outcome(path, parser.parse(path, bytes, hash, modified), null, null);
        } catch (ContentException e) {
            return new Outcome(path, null, null, e.getMessage());
        } catch (IOException e) {
            return new Outcome(path, null, null, "it cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Unexpected failure reading " + path, e);
            return new Outcome(path, null, null, "it could not be rendered: " + e);
        }
    }

    private static void skip(Map<String, String> skipped, String path, String reason) {
        skipped.put(path, reason);
        LOG.warning(() -> "Skipped content file " + path + ": " + reason);
    }

    private static List<Path> markdownFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list content folder " + dir, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
