package dossier.article.boundary;

import dossier.article.control.ArticleSource;
import dossier.article.control.ContentFiles;
import dossier.article.control.ContentParser;
import dossier.article.control.SlugClaims;
import dossier.markdown.control.MarkdownRenderer;
import dossier.site.control.DatabaseSchema;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Imports every {@code *.md} file under the content folder at start-up, in the background: the site serves what
 * the database holds from the first request, and the articles arrive a chunk (one transaction) at a time, with
 * their progress for the administrators ({@link #progress()}). Unchanged files (same content hash) cost a hash and
 * nothing else, so a start that was stopped in the middle of an import goes on where it stopped; a file that cannot
 * become an article is logged with its path and reason and skipped, and the rest still import. One import at a time
 * on a node; nodes of a cluster that import the same files at once store each file once ({@link ImportBatches#store}).
 */
@ApplicationScoped
public class ContentImport {

    private static final Logger LOG = Logger.getLogger(ContentImport.class.getName());
    /** Files read, rendered and stored together, in one transaction. */
    static final int CHUNK = 128;

    /**
     * How far an import has come: files looked at (imported, unchanged or skipped) of all files found, the files
     * that could not be imported, and files per second so far. {@code finished} is null while it runs (and before).
     */
    public record Progress(boolean running, int done, int total, int errors, Instant started, Instant finished) {
        static final Progress NONE = new Progress(false, 0, 0, 0, null, null);

        public double perSecond() {
            Instant end = finished == null ? Instant.now() : finished;
            double seconds = started == null ? 0 : java.time.Duration.between(started, end).toMillis() / 1000.0;
            return seconds <= 0 ? 0 : done / seconds;
        }
    }

    /**
     * What one import run did, or in a dry run would do. {@code conflicts} are files changed on disk whose
     * articles were edited in the browser (not imported); {@code missing} are files imported once and gone
     * from disk now (their articles stay); {@code changes} names each file that is or would be imported:
     * "new" or "updated".
     */
    @Schema(name = "SyncReport", description = "What a sync of the content folder did, or in a dry run would do."
            + " `conflicts`: files changed on disk whose articles were edited on the site (not imported); `missing`:"
            + " files imported once and gone now (their articles stay); `changes`: each file imported, new or updated;"
            + " `skipped`: each file that could not be imported, and why.")
    public record Report(int added, int updated, int unchanged, Map<String, String> skipped, List<String> conflicts,
                         List<String> missing, Map<String, String> changes, boolean dryRun, double seconds,
                         double readSeconds, double storeSeconds) {
        public int imported() {
            return added + updated;
        }
    }

    @Inject
    ImportBatches imports;

    @Inject
    MarkdownRenderer renderer;

    @Inject
    @ConfigProperty(name = "dossier.content.dir", defaultValue = "./content")
    String contentDir;

    @Resource
    ManagedExecutorService executor;

    private final ReentrantLock running = new ReentrantLock();
    private volatile Progress progress = Progress.NONE;
    /** The server is stopping: an import stops after its current chunk (the next start goes on from there). */
    private volatile boolean stopping;

    /** Starts the import of the content folder in the background; the site serves what the database has meanwhile. */
    void onStart(@Observes @Priority(DatabaseSchema.AFTER_MIGRATION) @Initialized(ApplicationScoped.class) Object event) {
        Path dir = Path.of(contentDir).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            LOG.warning(() -> "Content folder " + dir + " does not exist: nothing imported.");
            return;
        }
        // Marked as running before the task starts, so that the first request already sees an import under way.
        progress = new Progress(true, 0, 0, 0, Instant.now(), null);
        executor.submit(() -> {
            try {
                importAll(dir, false);
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                progress = new Progress(false, progress.done(), progress.total(), progress.errors() + 1,
                        progress.started(), Instant.now());
                LOG.log(Level.SEVERE, "Content import from " + dir + " failed; the next start (or a sync) tries again", e);
            }
        });
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    /** The import running now, or the last one (of start-up or a sync) since start. */
    public Progress progress() {
        return progress;
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
        if (running.isLocked()) {
            Progress now = progress;
            throw new ClientErrorException("The content folder is being imported (" + now.done() + " of " + now.total()
                    + " files): sync when that is done.", 409);
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
        ContentFiles.Outcome o = ContentFiles.read(dir, file, Map.of(), new ContentParser(renderer));
        if (o.problem() != null) {
            throw new IllegalStateException("The file " + path + " cannot be imported: " + o.problem() + ".");
        }
        return o.source();
    }

    public Report importAll(Path dir) {
        return importAll(dir, false);
    }

    /** Imports (or, in a dry run, plans) the folder; waits while another import of this node runs. */
    public Report importAll(Path dir, boolean dryRun) {
        running.lock();
        Report r;
        try {
            r = run(dir, dryRun);
        } finally {
            running.unlock();
        }
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
        List<Path> files = ContentFiles.markdownFiles(dir);
        Map<String, ImportBatches.Source> known = imports.sourcesByPath();
        Map<String, ImportBatches.Source> knownBySlug = new HashMap<>();
        Map<String, String> knownHashes = new HashMap<>();
        known.forEach((path, s) -> {
            knownBySlug.put(s.slug(), s);
            knownHashes.put(path, s.hash());
        });
        Set<String> onDisk = new HashSet<>();
        files.forEach(f -> onDisk.add(ContentFiles.path(dir, f)));
        SlugClaims claims = new SlugClaims(slugOwners(known, onDisk));
        ContentParser parser = new ContentParser(renderer);
        ImportTally tally = new ImportTally(knownBySlug.keySet());
        Instant started = Instant.now();
        if (!dryRun) {
            progress = new Progress(true, 0, files.size(), 0, started, null);
        }
        // In chunks, so that memory holds one chunk of rendered articles, not the whole folder.
        for (int i = 0; i < files.size(); i += CHUNK) {
            if (stopping) {
                int done = i;
                LOG.info(() -> "Content import stopped with the server after " + done + " of " + files.size()
                        + " files; the next start goes on from there");
                break;
            }
            long t0 = System.nanoTime();
            List<ArticleSource> batch = new ArrayList<>();
            for (ContentFiles.Outcome o : files.subList(i, Math.min(files.size(), i + CHUNK)).parallelStream()
                    .map(file -> ContentFiles.read(dir, file, knownHashes, parser)).toList()) {
                sort(o, claims, batch, tally);
            }
            long t1 = System.nanoTime();
            List<ArticleSource> stored = dryRun ? plan(batch, knownBySlug, tally.conflicts) : store(batch, now, tally);
            tally.stored(stored, t1 - t0, System.nanoTime() - t1);
            if (!dryRun) {
                progress = new Progress(true, Math.min(files.size(), i + CHUNK), files.size(), tally.skipped.size(),
                        started, null);
                int done = progress.done();
                LOG.fine(() -> "Content import: " + done + " of " + files.size() + " files");
            }
        }
        if (!dryRun) {
            progress = new Progress(false, progress.done(), files.size(), tally.skipped.size(), started, Instant.now());
        }
        List<String> missing = known.values().stream()
                .map(ImportBatches.Source::path)
                .filter(p -> p != null && !onDisk.contains(p))
                .sorted()
                .toList();
        return tally.report(missing, dryRun, (System.nanoTime() - start) / 1e9);
    }

    /** Slug → file, for the articles whose files are on disk: they keep their slugs. */
    private static Map<String, String> slugOwners(Map<String, ImportBatches.Source> known, Set<String> onDisk) {
        Map<String, String> owners = new HashMap<>();
        known.values().stream().filter(s -> s.path() != null && onDisk.contains(s.path()))
                .forEach(s -> owners.put(s.slug(), s.path()));
        return owners;
    }

    /** A file read: skipped, unchanged, or (at the slug it may have) into the batch to store. */
    private static void sort(ContentFiles.Outcome o, SlugClaims claims, List<ArticleSource> batch, ImportTally tally) {
        if (o.problem() != null) {
            tally.skip(o.path(), o.problem());
        } else if (o.unchanged()) {
            tally.unchanged();
        } else {
            String refused = claims.claim(o.source());
            if (refused != null) {
                tally.skip(o.path(), refused);
            } else {
                batch.add(claims.placed(o.source()));
            }
        }
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

    /** Stores a batch in one transaction; returns what was stored (not the conflicts, which it adds to theirs). */
    private List<ArticleSource> store(List<ArticleSource> batch, Instant now, ImportTally tally) {
        if (batch.isEmpty()) {
            return batch;
        }
        try {
            List<String> refused = imports.store(batch, now);
            tally.conflicts.addAll(refused);
            return batch.stream().filter(s -> !refused.contains(s.sourcePath())).toList();
        } catch (RuntimeException batchFailed) {
            // One bad file must not cost its neighbours: store them one by one to find it.
            List<ArticleSource> stored = new ArrayList<>();
            for (ArticleSource one : batch) {
                try {
                    List<String> refused = imports.store(List.of(one), now);
                    tally.conflicts.addAll(refused);
                    if (refused.isEmpty()) {
                        stored.add(one);
                    }
                } catch (RuntimeException e) {
                    tally.skip(one.sourcePath(), "the database refused it: " + rootMessage(e));
                }
            }
            return stored;
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
