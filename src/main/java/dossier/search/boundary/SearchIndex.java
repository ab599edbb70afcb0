package dossier.search.boundary;

import dossier.article.boundary.ChangeLog;
import dossier.article.entity.ChangeEntry;
import dossier.site.control.ChangesApplied;
import dossier.search.control.ChangeCursor;
import dossier.site.control.DatabaseSchema;
import dossier.search.control.ArticleIndex;
import dossier.search.control.IndexedArticle;
import dossier.search.control.SearchHit;
import dossier.search.control.SearchQuery;
import dossier.search.control.SearchResult;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The site's search index: a derived view of the database under {@code <data dir>/index}. It follows every
 * committed change of an article, and is rebuilt from the database at start-up when it is missing, unreadable
 * or of an older layout, and on an administrator's request.
 */
@ApplicationScoped
public class SearchIndex {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());
    /** After the content import, which itself runs after the migrations. */
    static final int AFTER_IMPORT = DatabaseSchema.AFTER_MIGRATION + 100;
    static final int REBUILD_BATCH = 200;
    /** Changes become searchable within this many milliseconds (well inside the promised second). */
    static final long FLUSH_MILLIS = 250;

    /** Where a rebuild stands, for the log and the administrator's page. */
    public record Progress(boolean running, int done, int total, Instant finished) {
    }

    public record Status(long documents, long bytes, Instant lastUpdate, Progress rebuild) {
    }

    @Inject
    @ConfigProperty(name = "dossier.data.dir", defaultValue = "./data")
    String dataDir;

    @Inject
    IndexFeed feed;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Path path;
    private Directory directory;
    private ArticleIndex index;
    private volatile boolean rebuildPending;
    private volatile Progress progress = new Progress(false, 0, 0, null);
    private volatile Instant lastUpdate;
    private volatile ChangeCursor cursor;
    private volatile long committedFloor = -1;
    private ScheduledFuture<?> flusher;
    private ScheduledFuture<?> pruner;

    /** How long a skipped change-log number may stay uncommitted before it counts as rolled back. */
    static final long SETTLE_MILLIS = 60_000;
    static final int READ_LIMIT = 5_000;
    static final int LOCK_WAIT_SECONDS = 60;
    static final long REREAD_AFTER_REBUILD = 1_000;

    @Inject
    ChangeLog changeLog;

    @Inject
    jakarta.enterprise.event.Event<ChangesApplied> applied;
    private final AtomicBoolean rebuilding = new AtomicBoolean();

    @PostConstruct
    void open() {
        try {
            path = Path.of(dataDir).resolve("index").toAbsolutePath().normalize();
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            rebuildPending = !ArticleIndex.isCurrentLayout(directory);
            index = openWaitingForLock();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index at " + path, e);
        }
    }

    /**
     * The index folder is locked while another process writes it: after a restart, the old process may still be
     * shutting down. Waits for it (up to a minute) rather than failing the start.
     */
    private ArticleIndex openWaitingForLock() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOCK_WAIT_SECONDS);
        while (true) {
            try {
                return new ArticleIndex(directory);
            } catch (org.apache.lucene.store.LockObtainFailedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warning(() -> "Search index at " + path + " is locked by another process (still stopping?); waiting");
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    void onStart(@Observes @Priority(AFTER_IMPORT) @Initialized(ApplicationScoped.class) Object event) {
        long floor = index.appliedChanges();
        long oldest = changeLog.oldest();
        long newest = changeLog.newest();
        if (rebuildPending) {
            LOG.info(() -> "Search index at " + path + " is missing, unreadable or of an older layout: rebuilding it");
            rebuild();
        } else if (floor < 0 || (oldest > 0 && floor < oldest - 1)) {
            LOG.info(() -> "Search index at " + path + " is older than the kept change log (complete up to line " + floor
                    + ", oldest kept line " + oldest + "): rebuilding it");
            rebuild();
        } else if (floor > newest) {
            // The index has seen lines this database never wrote: it was built against another database.
            LOG.info(() -> "Search index at " + path + " is ahead of this database's change log (line " + floor
                    + " of " + newest + "): it belongs to another database; rebuilding it");
            rebuild();
        } else {
            committedFloor = floor;
            cursor = new ChangeCursor(floor, SETTLE_MILLIS);
            long behind = newest - floor;
            LOG.info(() -> "Search index at " + path + " is current up to change " + floor + " (" + Math.max(0, behind)
                    + " lines to catch up): " + count() + " documents");
            catchUp();
        }
        flusher = scheduler.scheduleWithFixedDelay(() -> survive("Following the change log", this::flush),
                FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        pruner = scheduler.scheduleWithFixedDelay(() -> survive("Pruning the change log", this::prune), 1, 60, TimeUnit.MINUTES);
    }

    /**
     * Runs the body of a scheduled task so that the task never dies: an executor stops repeating a task for good
     * when one run throws, and search would stop following changes until a restart. Only a failure of the JVM
     * itself (out of memory, an internal error) is let through; a stack overflow is not one, its stack is unwound.
     */
    static void survive(String task, Runnable body) {
        try {
            body.run();
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                LOG.log(Level.SEVERE, task + " failed and stops: the JVM is failing", e);
                throw (VirtualMachineError) e;
            }
            LOG.log(Level.SEVERE, task + " failed; it runs again at its next turn", e);
        }
    }

    /**
     * Adds or replaces one article in the index; an article whose document cannot be built is left out with a
     * warning that names it, so that the follower still moves past its change and indexes the later ones.
     */
    private void indexOne(IndexedArticle a) throws IOException {
        try {
            index.index(a);
        } catch (RuntimeException | StackOverflowError e) {
            if (e instanceof org.apache.lucene.store.AlreadyClosedException) {
                throw e;
            }
            LOG.warning(() -> "Search index: article " + a.slug() + " left out, its document cannot be built: " + e);
        }
    }

    /**
     * Queues the published articles the index lacks: those whose scheduled time came while the server was down,
     * or any change whose notification was lost. A term lookup per article: milliseconds for thousands.
     */
    private void catchUp() {
        try {
            Instant now = Instant.now();
            Map<String, Long> visible = feed.visibleIds(now);
            Set<String> missing = index.missing(visible.keySet());
            if (!missing.isEmpty()) {
                LOG.info(() -> missing.size() + " published articles were not in the search index yet: indexing them");
                List<Long> ids = missing.stream().map(visible::get).toList();
                for (List<Long> slice : slices(ids)) {
                    for (IndexedArticle a : feed.load(slice, now)) {
                        indexOne(a);
                    }
                }
                index.commit(committedFloor);
                index.refresh();
            }
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            LOG.log(java.util.logging.Level.WARNING, "Could not compare the search index with the database", e);
        }
    }

    /**
     * Applies what the change log gained since the last round (and lines committed late), then commits with the
     * line up to which the index is complete; runs every {@link #FLUSH_MILLIS} on every node. A burst of comments
     * on one article re-indexes it once per round, not once per comment.
     */
    synchronized void flush() {
        ChangeCursor at = cursor;
        if (at == null || rebuildPending || rebuilding.get()) {
            return;
        }
        try {
            long now = System.currentTimeMillis();
            List<ChangeEntry> lines = new ArrayList<>(changeLog.withIds(at.holes().stream().limit(1000).toList()));
            lines.addAll(changeLog.after(at.maxSeen(), READ_LIMIT));
            lines.sort(java.util.Comparator.comparingLong(ChangeEntry::id));
            List<Long> fresh = at.accept(lines.stream().map(ChangeEntry::id).toList(), now);
            if (fresh.isEmpty() && at.floor() == committedFloor) {
                return;
            }
            java.util.Set<Long> freshSet = new java.util.HashSet<>(fresh);
            java.util.Set<Long> ids = new java.util.LinkedHashSet<>();
            java.util.Set<String> slugs = new java.util.LinkedHashSet<>();
            boolean discussionTextOnly = true;
            for (ChangeEntry line : lines) {
                if (freshSet.contains(line.id())) {
                    discussionTextOnly &= line.discussionText();
                    if (line.articleId() != null) {
                        ids.add(line.articleId());
                    }
                    if (line.slug() != null) {
                        slugs.add(line.slug());
                    }
                }
            }
            // Addresses first: a deleted or renamed article's old slug may belong to a new article by now.
            for (String slug : slugs) {
                index.delete(slug);
            }
            Instant instant = Instant.now();
            for (List<Long> slice : slices(List.copyOf(ids))) {
                for (IndexedArticle a : feed.load(slice, instant)) {
                    indexOne(a);
                }
            }
            index.commit(at.floor());
            committedFloor = at.floor();
            index.refresh();
            if (!fresh.isEmpty()) {
                lastUpdate = instant;
                applied.fire(new ChangesApplied(List.copyOf(ids), List.copyOf(slugs), discussionTextOnly));
            }
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            // Read everything after the last commit again next round: applying a line twice does no harm.
            cursor = new ChangeCursor(committedFloor, SETTLE_MILLIS);
            LOG.log(Level.SEVERE, "Could not update the search index; will retry, and a rebuild repairs it", e);
        }
    }

    private static List<List<Long>> slices(List<Long> ids) {
        List<List<Long>> slices = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += REBUILD_BATCH) {
            slices.add(ids.subList(i, Math.min(ids.size(), i + REBUILD_BATCH)));
        }
        return slices;
    }

    public SearchResult search(SearchQuery query) {
        try {
            return index.search(query);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<SearchHit> suggest(String prefix, int limit) {
        try {
            return index.suggest(prefix, limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Up to {@code limit} articles about the same things as this one; none when the index cannot tell. */
    public List<SearchHit> related(String slug, String text, int limit) {
        try {
            return index.related(slug, text, limit);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Related articles of " + slug + " could not be found", e);
            return List.of();
        }
    }

    /** Published articles that link to any of these addresses of an article; none when the index cannot tell. */
    public List<SearchHit> linkingTo(String slug, java.util.Collection<String> addresses, int limit) {
        try {
            return index.linkingTo(slug, addresses, limit);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Articles linking to " + slug + " could not be found", e);
            return List.of();
        }
    }

    public Status status() {
        long bytes = 0;
        try (Stream<Path> files = Files.list(path)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Cannot measure the index folder", e);
        }
        return new Status(count(), bytes, lastUpdate, progress);
    }

    /** Starts a rebuild in the background unless one is running; false when one was already running. */
    public boolean rebuildInBackground() {
        if (rebuilding.get()) {
            return false;
        }
        executor.submit(this::rebuild);
        return true;
    }

    /** Reads every article from the database in batches and replaces the index's contents with them. */
    public void rebuild() {
        if (!rebuilding.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        try {
            // Lines numbered before the newest committed one may commit later still: read the last ones again after.
            long floor = Math.max(0, changeLog.newest() - REREAD_AFTER_REBUILD);
            cursor = null;
            List<Long> ids = feed.allIds();
            progress = new Progress(true, 0, ids.size(), null);
            Instant now = Instant.now();
            index.replaceAll(() -> new java.util.Iterator<IndexedArticle>() {
                private int next;
                private java.util.Iterator<IndexedArticle> batch = java.util.Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!batch.hasNext() && next < ids.size()) {
                        List<Long> slice = ids.subList(next, Math.min(ids.size(), next + REBUILD_BATCH));
                        next += slice.size();
                        batch = feed.load(slice, now).iterator();
                        int done = next;
                        progress = new Progress(true, done, ids.size(), null);
                        if (done % 1000 < REBUILD_BATCH || done == ids.size()) {
                            LOG.info(() -> "Search index rebuild: " + done + " of " + ids.size() + " articles read");
                        }
                    }
                    return batch.hasNext();
                }

                @Override
                public IndexedArticle next() {
                    return batch.next();
                }
            }, floor);
            index.refresh();
            committedFloor = floor;
            cursor = new ChangeCursor(floor, SETTLE_MILLIS);
            rebuildPending = false;
            lastUpdate = Instant.now();
            progress = new Progress(false, ids.size(), ids.size(), lastUpdate);
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info(() -> String.format(Locale.ROOT, "Search index rebuilt: %d documents in %.2f s", count(), seconds));
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            // Never out of here: a rebuild at start-up runs in the deployment, and a failure would fail it.
            progress = new Progress(false, progress.done(), progress.total(), null);
            LOG.log(Level.SEVERE, "Search index rebuild failed", e);
        } finally {
            rebuilding.set(false);
        }
    }

    private long count() {
        try {
            return index.documentCount();
        } catch (IOException e) {
            return -1;
        }
    }

    private void prune() {
        try {
            int pruned = changeLog.prune(System.currentTimeMillis());
            if (pruned > 0) {
                LOG.info(() -> "Change log: " + pruned + " lines older than a week removed");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Pruning the change log failed; next hour again", e);
        }
    }

    @PreDestroy
    void close() {
        if (flusher != null) {
            flusher.cancel(false);
        }
        if (pruner != null) {
            pruner.cancel(false);
        }
        flush();
        try {
            index.close();
            directory.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Closing the search index failed", e);
        }
    }
}
