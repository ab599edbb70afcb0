package dossier.search.boundary;

import dossier.search.control.ArticleIndex;
import dossier.search.control.ArticleIndex.PendingPassage;
import dossier.search.control.TextEmbedder;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Computes the vectors of the passages that lack one, off the request path: one thread, which loads the model
 * once and then takes passages without a vector from the index a batch at a time. The index itself is the queue
 * (a passage document without a vector is work to do), so the queue is bounded by the index, survives a restart,
 * and an article edited while its old passages wait simply replaces them. Until a passage has its vector, search
 * ranks its article by its words only.
 *
 * <p>A model that cannot load (no native library for this platform, an unsupported CPU) is logged once; search
 * stays lexical.
 */
final class PassageEmbedding {

    private static final Logger LOG = Logger.getLogger(PassageEmbedding.class.getName());
    /** Passages embedded between two index updates: a few seconds of work on one core. */
    static final int BATCH = 32;
    private static final long IDLE_MILLIS = 1_000;

    enum State { LOADING, READY, FAILED, STOPPED }

    private final ArticleIndex index;
    private final int threads;
    private final Object work = new Object();
    private volatile TextEmbedder embedder;
    private volatile State state = State.LOADING;
    private volatile boolean stopping;
    private volatile double rate;
    private volatile long embedded;
    private Thread worker;

    /** Told after each batch: result pages kept in memory were ranked without these vectors. */
    private final Runnable embeddedBatch;

    PassageEmbedding(ArticleIndex index, int threads, Runnable embeddedBatch) {
        this.index = index;
        this.threads = threads;
        this.embeddedBatch = embeddedBatch;
    }

    void start(ThreadFactory factory) {
        worker = factory.newThread(this::run);
        worker.setName("dossier-passage-embedding");
        worker.setDaemon(true);
        worker.start();
    }

    /** Wakes the worker: passages may be waiting. */
    void nudge() {
        synchronized (work) {
            work.notifyAll();
        }
    }

    State state() {
        return state;
    }

    /** Passages per second over the last batch; 0 before the first. */
    double rate() {
        return rate;
    }

    long embeddedSinceStart() {
        return embedded;
    }

    /** The query embedder while the model is ready, else null: search is lexical then. */
    Function<String, float[]> queries() {
        TextEmbedder model = embedder;
        return model == null ? null : model::query;
    }

    private void run() {
        long start = System.nanoTime();
        try {
            embedder = TextEmbedder.load(threads);
            state = State.READY;
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info(() -> String.format(Locale.ROOT, "Semantic search: %s loaded in %.1f s (%d ONNX Runtime thread%s)",
                    TextEmbedder.NAME, seconds, threads, threads == 1 ? "" : "s"));
        } catch (IOException | RuntimeException | LinkageError e) {
            state = State.FAILED;
            LOG.warning(() -> "Semantic search is unavailable, search ranks by words only: " + e.getMessage());
            return;
        }
        while (!stopping) {
            try {
                if (!embedBatch()) {
                    synchronized (work) {
                        work.wait(IDLE_MILLIS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (IOException | RuntimeException e) {
                if (stopping) {
                    break;
                }
                LOG.log(Level.WARNING, "Embedding passages failed; trying again in a minute", e);
                sleep(TimeUnit.MINUTES.toMillis(1));
            }
        }
        state = State.STOPPED;
    }

    /** Embeds one batch of passages without a vector; false when there was none. */
    private boolean embedBatch() throws IOException {
        List<PendingPassage> pending = index.pending(BATCH);
        if (pending.isEmpty()) {
            return false;
        }
        long start = System.nanoTime();
        Map<PendingPassage, float[]> computed = new LinkedHashMap<>();
        Map<String, float[]> byHash = new LinkedHashMap<>();
        for (PendingPassage passage : pending) {
            if (stopping) {
                return false;
            }
            float[] vector = byHash.get(passage.hash());
            if (vector == null) {
                // Kept from before (a restart after the store was written, or a text that came back): not embedded again.
                vector = index.knownVector(passage.hash());
            }
            if (vector == null) {
                vector = embedder.passage(passage.text());
            }
            byHash.put(passage.hash(), vector);
            computed.put(passage, vector);
        }
        index.attach(computed);
        try {
            embeddedBatch.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Kept result pages could not be dropped after new vectors", e);
        }
        embedded += computed.size();
        rate = computed.size() / Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        return true;
    }

    private void sleep(long millis) {
        synchronized (work) {
            try {
                work.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Ends the worker: it finishes the passage in hand (a tenth of a second) and writes nothing more. Called at
     * SIGTERM, before the JVM's shutdown begins: a thread still inside ONNX Runtime's native code while the JVM
     * exits (or while the session closes) crashes the process. Query vectors stay available meanwhile.
     */
    void halt() {
        stopping = true;
        nudge();
        Thread running = worker;
        if (running == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean interrupted = false;
        while (running.isAlive() && System.nanoTime() < deadline) {
            try {
                running.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true; // waited for all the same: closing the session under the worker would crash
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the worker, then frees the model, unless the worker is somehow still in it (then the process's end does). */
    void stop() {
        halt();
        Thread running = worker;
        TextEmbedder model = embedder;
        if (model != null && (running == null || !running.isAlive())) {
            embedder = null;
            model.close();
        }
    }
}
