package dossier.search.boundary;

import dossier.article.boundary.ChangeLog;
import dossier.search.control.ArticleIndex;
import dossier.search.control.IndexedArticle;

import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rebuilds the index from the database: every article, read in batches, replaces the index's contents, with its
 * progress for the log and the administrator's page. Following the change log waits meanwhile, and goes on from
 * a line shortly before the newest one when the rebuild is done. One rebuild at a time.
 */
final class IndexRebuild {

    private static final Logger LOG = Logger.getLogger(IndexRebuild.class.getName());
    /** Lines numbered before the newest committed one may commit later still: read this many again after. */
    static final long REREAD_AFTER_REBUILD = 1_000;

    private final ArticleIndex index;
    private final IndexFeed feed;
    private final ChangeLog changeLog;
    private final IndexFollower follower;
    private final AtomicBoolean running = new AtomicBoolean();
    /** The index needs a rebuild before it can be followed: missing, unreadable or of an older layout. */
    private volatile boolean pending;
    private volatile SearchIndex.Progress progress = new SearchIndex.Progress(false, 0, 0, null);

    IndexRebuild(ArticleIndex index, IndexFeed feed, ChangeLog changeLog, IndexFollower follower, boolean pending) {
        this.index = index;
        this.feed = feed;
        this.changeLog = changeLog;
        this.follower = follower;
        this.pending = pending;
    }

    boolean isPending() {
        return pending;
    }

    /** A rebuild is about to start (in the background): following the change log waits for it from now on. */
    void markPending() {
        pending = true;
    }

    boolean isRunning() {
        return running.get();
    }

    SearchIndex.Progress progress() {
        return progress;
    }

    /**
     * Reads every article from the database in batches and replaces the index's contents with them; returns at
     * once when a rebuild is running already. Never throws: a rebuild at start-up runs in the deployment, and a
     * failure would fail it.
     */
    void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        try {
            long floor = Math.max(0, changeLog.newest() - REREAD_AFTER_REBUILD);
            follower.stop();
            List<Long> ids = feed.allIds();
            progress = new SearchIndex.Progress(true, 0, ids.size(), null);
            Instant now = Instant.now();
            index.replaceAll(() -> new Batches(ids, now), floor);
            index.refresh();
            Instant done = Instant.now();
            follower.rebuilt(floor, done);
            pending = false;
            progress = new SearchIndex.Progress(false, ids.size(), ids.size(), done);
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info(() -> String.format(Locale.ROOT, "Search index rebuilt: %d documents in %.2f s", count(), seconds));
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            progress = new SearchIndex.Progress(false, progress.done(), progress.total(), null);
            LOG.log(Level.SEVERE, "Search index rebuild failed", e);
        } finally {
            running.set(false);
        }
    }

    private long count() {
        try {
            return index.documentCount();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The articles as the index sees them, read from the database a batch at a time as the rebuild goes. */
    private final class Batches implements Iterator<IndexedArticle> {
        private final List<Long> ids;
        private final Instant now;
        private int next;
        private Iterator<IndexedArticle> batch = Collections.emptyIterator();

        Batches(List<Long> ids, Instant now) {
            this.ids = ids;
            this.now = now;
        }

        @Override
        public boolean hasNext() {
            while (!batch.hasNext() && next < ids.size()) {
                List<Long> slice = ids.subList(next, Math.min(ids.size(), next + IndexFeed.BATCH));
                next += slice.size();
                batch = feed.load(slice, now).iterator();
                reportProgress(next);
            }
            return batch.hasNext();
        }

        @Override
        public IndexedArticle next() {
            return batch.next();
        }

        private void reportProgress(int done) {
            progress = new SearchIndex.Progress(true, done, ids.size(), null);
            if (done % 1000 < IndexFeed.BATCH || done == ids.size()) {
                LOG.info(() -> "Search index rebuild: " + done + " of " + ids.size() + " articles read");
            }
        }
    }
}
