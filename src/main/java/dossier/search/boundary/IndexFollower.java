package dossier.search.boundary;

import dossier.article.boundary.ChangeLog;
import dossier.article.entity.ChangeEntry;
import dossier.site.control.ChangesApplied;
import dossier.search.control.ArticleIndex;
import dossier.search.control.ChangeCursor;
import dossier.search.control.IndexedArticle;
import jakarta.enterprise.event.Event;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this node's index up to date with the change log. Every round it applies the lines committed since the
 * last one (and lines committed late, which the {@link ChangeCursor} asks for again), commits the index with
 * the line up to which it is complete, and announces what it applied ({@link ChangesApplied}, for the page
 * cache). At start-up it also indexes the readable articles the index lacks ({@link #catchUp}).
 */
final class IndexFollower {

    private static final Logger LOG = Logger.getLogger(IndexFollower.class.getName());
    /** How long a skipped change-log number may stay uncommitted before it counts as rolled back. */
    static final long SETTLE_MILLIS = 60_000;
    static final int READ_LIMIT = 5_000;
    /** Late lines asked for again per round, at most. */
    private static final int HOLES_PER_ROUND = 1_000;

    /** What a round's fresh lines name: articles to index again, addresses to drop. */
    private record Changes(Set<Long> ids, Set<String> slugs, boolean discussionTextOnly) {
    }

    private final ArticleIndex index;
    private final IndexFeed feed;
    private final ChangeLog changeLog;
    private final Event<ChangesApplied> applied;
    /** True while the index is to be rebuilt or is being rebuilt: following waits for that. */
    private final BooleanSupplier paused;

    private volatile ChangeCursor cursor;
    private volatile long committedFloor = -1;
    private volatile Instant lastUpdate;

    IndexFollower(ArticleIndex index, IndexFeed feed, ChangeLog changeLog, Event<ChangesApplied> applied,
                  BooleanSupplier paused) {
        this.index = index;
        this.feed = feed;
        this.changeLog = changeLog;
        this.applied = applied;
        this.paused = paused;
    }

    /** Follows the log from this line on: the index is complete up to it. */
    void startAt(long floor) {
        committedFloor = floor;
        cursor = new ChangeCursor(floor, SETTLE_MILLIS);
    }

    /** Stops following until {@link #rebuilt}. */
    void stop() {
        cursor = null;
    }

    /** The index was rebuilt at {@code at}, complete up to line {@code floor}: following goes on from there. */
    void rebuilt(long floor, Instant at) {
        startAt(floor);
        lastUpdate = at;
    }

    /**
     * The line after which nothing has been read yet: the newest line taken in while following, the line the
     * index is complete up to while it is stopped or being rebuilt.
     */
    long position() {
        ChangeCursor at = cursor;
        return at == null ? committedFloor : at.maxSeen();
    }

    /** When the index last took in a change. */
    Instant lastUpdate() {
        return lastUpdate;
    }

    /**
     * Indexes the readable articles the index lacks: those whose scheduled time came while the server was down,
     * or any change whose notification was lost. A term lookup per article: milliseconds for thousands.
     */
    void catchUp() {
        try {
            Instant now = Instant.now();
            Map<String, Long> visible = feed.visibleIds(now);
            Set<String> missing = index.missing(visible.keySet());
            if (!missing.isEmpty()) {
                LOG.info(() -> missing.size() + " published articles were not in the search index yet: indexing them");
                indexAll(missing.stream().map(visible::get).toList(), now);
                index.commit(committedFloor);
                index.refresh();
            }
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            LOG.log(Level.WARNING, "Could not compare the search index with the database", e);
        }
    }

    /**
     * Applies what the change log gained since the last round (and lines committed late), then commits with the
     * line up to which the index is complete. A burst of comments on one article re-indexes it once per round,
     * not once per comment.
     */
    synchronized void flush() {
        ChangeCursor at = cursor;
        if (at == null || paused.getAsBoolean()) {
            return;
        }
        try {
            List<ChangeEntry> lines = read(at);
            List<Long> fresh = at.accept(lines.stream().map(ChangeEntry::id).toList(), System.currentTimeMillis());
            if (fresh.isEmpty() && at.floor() == committedFloor) {
                return;
            }
            Changes changes = named(lines, new HashSet<>(fresh));
            Instant now = Instant.now();
            apply(changes, now);
            index.commit(at.floor());
            committedFloor = at.floor();
            index.refresh();
            if (!fresh.isEmpty()) {
                lastUpdate = now;
                applied.fire(new ChangesApplied(List.copyOf(changes.ids()), List.copyOf(changes.slugs()),
                        changes.discussionTextOnly()));
            }
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            // Read everything after the last commit again next round: applying a line twice does no harm.
            cursor = new ChangeCursor(committedFloor, SETTLE_MILLIS);
            LOG.log(Level.SEVERE, "Could not update the search index; will retry, and a rebuild repairs it", e);
        }
    }

    /** The lines committed late among the cursor's holes, and those after the newest seen, in order. */
    private List<ChangeEntry> read(ChangeCursor at) {
        List<ChangeEntry> lines = new ArrayList<>(changeLog.withIds(at.holes().stream().limit(HOLES_PER_ROUND).toList()));
        lines.addAll(changeLog.after(at.maxSeen(), READ_LIMIT));
        lines.sort(Comparator.comparingLong(ChangeEntry::id));
        return lines;
    }

    /** The articles and addresses the fresh ones of these lines name. */
    private static Changes named(List<ChangeEntry> lines, Set<Long> fresh) {
        Set<Long> ids = new LinkedHashSet<>();
        Set<String> slugs = new LinkedHashSet<>();
        boolean discussionTextOnly = true;
        for (ChangeEntry line : lines) {
            if (fresh.contains(line.id())) {
                discussionTextOnly &= line.discussionText();
                if (line.articleId() != null) {
                    ids.add(line.articleId());
                }
                if (line.slug() != null) {
                    slugs.add(line.slug());
                }
            }
        }
        return new Changes(ids, slugs, discussionTextOnly);
    }

    private void apply(Changes changes, Instant now) throws IOException {
        // Addresses first: a deleted or renamed article's old slug may belong to a new article by now.
        for (String slug : changes.slugs()) {
            index.delete(slug);
        }
        indexAll(List.copyOf(changes.ids()), now);
    }

    /** Reads these articles in batches and indexes each. */
    private void indexAll(List<Long> ids, Instant now) throws IOException {
        for (int i = 0; i < ids.size(); i += IndexFeed.BATCH) {
            for (IndexedArticle a : feed.load(ids.subList(i, Math.min(ids.size(), i + IndexFeed.BATCH)), now)) {
                indexOne(a);
            }
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
}
