package dossier.search.boundary;

import dossier.article.boundary.ChangeLog;
import dossier.site.control.ChangesApplied;
import dossier.search.control.ArticleIndex;
import dossier.search.control.PassageVectors;
import dossier.search.control.SearchHit;
import dossier.search.control.SearchQuery;
import dossier.search.control.SearchResult;
import dossier.site.control.DatabaseSchema;
import dossier.site.control.Latency;
import dossier.site.control.Metrics;
import dossier.site.control.StopSignal;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The site's search index: a derived view of the database under {@code <data dir>/index}. It follows every
 * committed change of an article ({@link IndexFollower}), and is rebuilt from the database ({@link IndexRebuild})
 * in the background at start-up when it is missing, unreadable, of an older layout or out of step with the change
 * log, and on an administrator's request.
 *
 * <p>At {@code /metrics}: {@code dossier_searches} (every query the index answers, timed), {@code dossier_index_documents},
 * {@code dossier_index_segments} and {@code dossier_index_lag_lines}, the committed change-log lines this node's index has not read yet (read from
 * the database at most every {@link Metrics#DATABASE_FIGURES}).
 */
@ApplicationScoped
public class SearchIndex {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());
    /** After the content import, which itself runs after the migrations. */
    static final int AFTER_IMPORT = DatabaseSchema.AFTER_MIGRATION + 100;
    /** Changes become searchable within this many milliseconds (well inside the promised second). */
    static final long FLUSH_MILLIS = 250;
    static final int LOCK_WAIT_SECONDS = 60;
    /** The vectors kept are this model's: another model's are thrown away (see {@link PassageVectors}). */
    static final String MODEL_ID = "bge-small-en-v1.5-q";
    static final String MODEL_NAME = "bge-small-en-v1.5, int8, 384 dimensions (ONNX Runtime, in this JVM)";

    /** Where a rebuild stands, for the log and the administrator's page. */
    public record Progress(boolean running, int done, int total, Instant finished) {
    }

    /**
     * Semantic search on this node: {@code model} null when it is switched off; {@code state} loading, ready,
     * failed (search is lexical) or stopped; passages with a vector of all passages; passages embedded per second
     * over the last batch.
     */
    public record Semantic(String model, String state, long embedded, long passages, double rate) {
    }

    public record Status(long documents, long bytes, Instant lastUpdate, Progress rebuild, Semantic semantic) {
    }

    @Inject
    @ConfigProperty(name = "dossier.data.dir", defaultValue = "./data")
    String dataDir;

    /**
     * Semantic search (passages embedded by a model inside the JVM, fused with the lexical ranking). Off: search
     * is exactly lexical, and the model's classes and native libraries are never loaded.
     */
    @Inject
    @ConfigProperty(name = "dossier.search.semantic", defaultValue = "true")
    boolean semantic;

    /** ONNX Runtime threads per embedding: one leaves the other cores to readers while passages are embedded. */
    @Inject
    @ConfigProperty(name = "dossier.search.embedding-threads", defaultValue = "1")
    int embeddingThreads;

    /** Reciprocal rank fusion's k; see {@code Fusion}. For tuning: the defaults were chosen on SciFact's train split. */
    @Inject
    @ConfigProperty(name = "dossier.search.fusion-k", defaultValue = "60")
    int fusionK;

    /** The semantic ranking's weight in the fusion, the lexical one's being 1. */
    @Inject
    @ConfigProperty(name = "dossier.search.fusion-semantic-weight", defaultValue = "1.0")
    float fusionWeight;

    /** The cosine similarity below which a passage is not near enough to count (bge-small: unrelated 0.3-0.55). */
    @Inject
    @ConfigProperty(name = "dossier.search.semantic-min-similarity", defaultValue = "0.6")
    float minSimilarity;

    /**
     * With semantic search, how an article's related articles are found: {@code words} (MoreLikeThis), {@code
     * meaning} (the articles whose passages are nearest to its own) or {@code both}, fused. Meaning ranked best on
     * SciFact's train split (abstracts cited for the same claim listed for 0.715 of them, words 0.650, both
     * 0.699); see README's "Semantic search".
     */
    @Inject
    @ConfigProperty(name = "dossier.search.related", defaultValue = "meaning")
    String relatedBy;

    @Inject
    IndexFeed feed;

    @Inject
    ChangeLog changeLog;

    @Inject
    Event<ChangesApplied> applied;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MetricRegistry registry;

    private Latency searches = Latency.unregistered("dossier_searches");

    private Path path;
    private Directory directory;
    private Directory vectorDirectory;
    private PassageVectors vectors;
    private PassageEmbedding embedding;
    private ArticleIndex index;
    private IndexFollower follower;
    private IndexRebuild rebuild;
    private ScheduledFuture<?> flusher;
    private ScheduledFuture<?> pruner;
    private ScheduledFuture<?> merger;
    private ScheduledFuture<?> vectorPruner;

    @PostConstruct
    void open() {
        try {
            path = Path.of(dataDir).resolve("index").toAbsolutePath().normalize();
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            boolean rebuildPending = !ArticleIndex.isCurrentLayout(directory, semantic);
            if (semantic) {
                Path vectorPath = Path.of(dataDir).resolve("vectors").toAbsolutePath().normalize();
                Files.createDirectories(vectorPath);
                keepNativeLibrariesOffline(Path.of(dataDir).resolve("native").toAbsolutePath().normalize());
                vectorDirectory = FSDirectory.open(vectorPath);
                vectors = new PassageVectors(vectorDirectory, MODEL_ID);
            }
            index = openWaitingForLock();
            if (semantic) {
                // Kept result pages were ranked without the new vectors: they go (article pages stay).
                embedding = new PassageEmbedding(index, embeddingThreads,
                        () -> applied.fire(new ChangesApplied(List.of(), List.of(), true)));
                index.fusion(fusionK, fusionWeight, minSimilarity);
                index.relatedBy(relatedBy);
            }
            follower = new IndexFollower(index, feed, changeLog, applied, () -> rebuild.isPending() || rebuild.isRunning());
            rebuild = new IndexRebuild(index, feed, changeLog, follower, rebuildPending);
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
                return new ArticleIndex(directory, vectors);
            } catch (LockObtainFailedException e) {
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

    /**
     * Rebuilds the index (in the background) or catches it up with the change log, then follows the log and prunes
     * it. While a rebuild runs, changes wait in the change log and are taken in after it.
     */
    void onStart(@Observes @Priority(AFTER_IMPORT) @Initialized(ApplicationScoped.class) Object event) {
        register();
        String stale = staleness();
        if (stale != null) {
            // In the background: the site answers meanwhile, and search answers from what the index holds so far.
            LOG.info(() -> "Search index at " + path + " " + stale + ": rebuilding it in the background");
            rebuild.markPending();
            executor.submit(rebuild::run);
        } else {
            long floor = index.appliedChanges();
            long behind = Math.max(0, changeLog.newest() - floor);
            follower.startAt(floor);
            LOG.info(() -> "Search index at " + path + " is current up to change " + floor + " (" + behind
                    + " lines to catch up): " + count() + " documents");
            follower.catchUp();
        }
        if (embedding != null) {
            embedding.start(threads);
            StopSignal.install(embedding::halt);
        }
        flusher = scheduler.scheduleWithFixedDelay(() -> survive("Following the change log", follower::flush),
                FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        pruner = scheduler.scheduleWithFixedDelay(() -> survive("Pruning the change log", this::prune), 1, 60, TimeUnit.MINUTES);
        merger = scheduler.scheduleWithFixedDelay(() -> survive("Merging the search index", this::compact),
                MERGE_SECONDS, MERGE_SECONDS, TimeUnit.SECONDS);
        if (embedding != null) {
            vectorPruner = scheduler.scheduleWithFixedDelay(() -> survive("Pruning the kept vectors", this::pruneVectors),
                    10, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
        }
    }

    /**
     * How long a computed vector that no passage uses any more is kept, for its text to come back (an article
     * unpublished and published again within this time costs no embedding).
     */
    static final Duration VECTORS_KEPT = Duration.ofDays(30);

    private void pruneVectors() {
        try {
            int removed = index.pruneVectors(VECTORS_KEPT);
            if (removed > 0) {
                LOG.info(() -> removed + " kept vectors that no passage used for " + VECTORS_KEPT.toDays()
                        + " days removed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prune the kept vectors", e);
        }
    }

    /** How often the index is looked at for a burst of writes that has ended ({@link ArticleIndex#compactIfQuiet}). */
    static final long MERGE_SECONDS = 30;

    private void compact() {
        try {
            index.compactIfQuiet();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not merge the search index", e);
        }
    }

    private void register() {
        searches = Latency.in(registry, "dossier_searches", "Search queries answered by this node's index");
        searches.declare();
        Metrics.gauge(registry, "dossier_index_documents", MetricUnits.NONE, "Articles in this node's search index",
                this::count);
        Metrics.gauge(registry, "dossier_index_segments", MetricUnits.NONE, "Segments of this node's search index,"
                + " each searched on its own: merged into one when a burst of writes has ended", this::segments);
        if (embedding != null) {
            Metrics.gauge(registry, "dossier_index_passages", MetricUnits.NONE,
                    "Passages of articles in this node's search index (semantic search)", () -> passageCounts().total());
            Metrics.gauge(registry, "dossier_index_passages_pending", MetricUnits.NONE,
                    "Passages whose vector is still to be computed: their articles are found by words only meanwhile",
                    () -> {
                        ArticleIndex.PassageCounts counts = passageCounts();
                        return counts.total() - counts.embedded();
                    });
        }
        Metrics.gauge(registry, "dossier_index_lag", "lines",
                "Committed change-log lines this node's search index has not read yet",
                Metrics.keptFor(Metrics.DATABASE_FIGURES, "the search index's lag", () -> changeLog.countAfter(follower.position())));
    }

    /** Why the index cannot simply follow the change log from where it stands, or null when it can. */
    private String staleness() {
        long floor = index.appliedChanges();
        long oldest = changeLog.oldest();
        long newest = changeLog.newest();
        if (rebuild.isPending()) {
            return "is missing, unreadable or of an older layout";
        }
        if (floor < 0 || (oldest > 0 && floor < oldest - 1)) {
            return "is older than the kept change log (complete up to line " + floor + ", oldest kept line " + oldest + ")";
        }
        if (floor > newest) {
            // The index has seen lines this database never wrote: it was built against another database.
            return "is ahead of this database's change log (line " + floor + " of " + newest
                    + "): it belongs to another database";
        }
        return null;
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

    public SearchResult search(SearchQuery query) {
        long start = System.nanoTime();
        try {
            Function<String, float[]> queries = embedding == null ? null : embedding.queries();
            if (queries != null) {
                try {
                    return index.search(query, queries);
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(Level.WARNING, "Semantic search failed for this query; answered by words only", e);
                }
            }
            return index.search(query);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            searches.record(System.nanoTime() - start);
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
    public List<SearchHit> linkingTo(String slug, Collection<String> addresses, int limit) {
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
        return new Status(count(), bytes, follower.lastUpdate(), rebuild.progress(), semanticStatus());
    }

    private Semantic semanticStatus() {
        if (embedding == null) {
            return new Semantic(null, "off", 0, 0, 0);
        }
        try {
            ArticleIndex.PassageCounts counts = index.passageCounts();
            return new Semantic(MODEL_NAME, embedding.state().name().toLowerCase(java.util.Locale.ROOT),
                    counts.embedded(), counts.total(), embedding.rate());
        } catch (IOException e) {
            return new Semantic(MODEL_NAME, "unreadable", 0, 0, 0);
        }
    }

    /** Starts a rebuild in the background unless one is running; false when one was already running. */
    public boolean rebuildInBackground() {
        if (rebuild.isRunning()) {
            return false;
        }
        executor.submit(rebuild::run);
        return true;
    }

    /** Reads every article from the database in batches and replaces the index's contents with them. */
    public void rebuild() {
        rebuild.run();
    }

    /**
     * The model's tokenizer library (DJL) unpacks its native library under the data folder instead of the
     * user's home, and is told it is offline: it would otherwise fetch a library it lacks from the internet.
     */
    private static void keepNativeLibrariesOffline(Path folder) {
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", folder.toString());
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("offline", "true");
    }

    private ArticleIndex.PassageCounts passageCounts() {
        try {
            return index.passageCounts();
        } catch (IOException e) {
            return new ArticleIndex.PassageCounts(-1, -1);
        }
    }

    private long count() {
        try {
            return index.documentCount();
        } catch (IOException e) {
            return -1;
        }
    }

    private long segments() {
        try {
            return index.segments();
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
        if (merger != null) {
            merger.cancel(false);
        }
        if (vectorPruner != null) {
            vectorPruner.cancel(false);
        }
        if (embedding != null) {
            embedding.stop();
        }
        follower.flush();
        try {
            index.close();
            directory.close();
            if (vectors != null) {
                vectors.close();
                vectorDirectory.close();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Closing the search index failed", e);
        }
    }
}
