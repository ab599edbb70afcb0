package dossier.search.control;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;

/**
 * The search index of published articles. One instance per index and JVM: it owns the only {@link IndexWriter}
 * and the {@link SearcherManager} over it, and every method may be called from any thread. Writes become visible
 * to searches on {@link #refresh()} (near-real-time, without a commit) and durable on {@link #commit()}; callers
 * commit after a batch, not per article, because each commit syncs files to disk.
 *
 * <p>Drafts are never in the index: indexing an invisible article deletes it, so no query or filter can leak one.
 *
 * <p>Writing and the index's life are here; the reading is in {@link FullTextSearch} (a page of a reader's search,
 * with its {@link Snippets}) and {@link TitleLists} (completions, related articles, links), over the same
 * searchers.
 *
 * <p>An index written with another {@link #LAYOUT_VERSION} is discarded on opening (Lucene refuses documents whose
 * fields changed type, and a half-old index would answer wrongly), and commits do not claim the current layout
 * until {@link #replaceAll} has rebuilt it; so check {@link #isCurrentLayout} before opening and rebuild when it
 * says false.
 */
public class ArticleIndex implements AutoCloseable {

    public static final int LAYOUT_VERSION = 7;

    static final String LAYOUT_KEY = "layout";
    /** Commit data: whether the index holds passages for semantic search ("on") or not ("off"). */
    static final String SEMANTIC_KEY = "semantic";
    /** Commit data: the change-log line up to which this index is complete. */
    static final String CHANGES_KEY = "changes";
    private volatile long appliedChanges = -1;
    private static final Logger LOG = Logger.getLogger(ArticleIndex.class.getName());

    /**
     * BM25's term-frequency saturation and length normalisation. From a sweep on the BEIR SciFact train split only
     * (see {@code SciFactBench}): every pair from 0.6 to 1.8 and 0.3 to 0.9 lay within 0.006 nDCG@10 there, so
     * these are Lucene's usual k1 with a milder length normalisation than its 0.75, for long articles beside
     * short ones. Swept again on train once the fields were scored together (BM25F, see
     * {@code ArticleQueries}), with the abstracts read as the content import reads them: k1 0.9 to 1.5 and b 0.3
     * to 0.75 all lay within 0.005 of each other.
     */
    private static final float BM25_K1 = 1.2f;
    private static final float BM25_B = 0.45f;

    private final Analyzer analyzer = ArticleFields.analyzer();
    private final Similarity similarity;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final FullTextSearch fullText;
    private final TitleLists titles;
    /** The vectors computed so far, by passage text; null when semantic search is off (no passages then). */
    private final PassageVectors vectors;
    /**
     * Held by every write of an article's documents, so that a vector computed for a passage is attached only
     * while that passage is still the article's ({@link #attach}). Never the writer's own monitor.
     */
    private final ReentrantLock writing = new ReentrantLock();
    /** Documents (articles and passages) written since the last merge into one segment; see {@link #compactIfQuiet()}. */
    private final AtomicLong written = new AtomicLong();
    /** Writes that make a burst worth merging after. */
    static final int BURST = 1_000;
    private volatile long writtenAtLastLook;
    private volatile boolean merging;
    private volatile Fusion.Settings fusion = Fusion.Settings.DEFAULT;
    private volatile TitleLists.Related relatedBy = TitleLists.Related.MEANING;

    /** A lexical index only: no passages, no vectors. */
    public ArticleIndex(Directory directory) throws IOException {
        this(directory, null);
    }

    /**
     * An index that also holds every visible article's passages ({@link Passages}), with the vectors known for
     * them in {@code vectors}; null for a lexical index only.
     */
    public ArticleIndex(Directory directory, PassageVectors vectors) throws IOException {
        Objects.requireNonNull(directory);
        this.vectors = vectors;
        similarity = new BM25Similarity(BM25_K1, BM25_B);
        boolean stale = DirectoryReader.indexExists(directory) && !isCurrentLayout(directory, vectors != null);
        if (!stale && DirectoryReader.indexExists(directory)) {
            String changes = SegmentInfos.readLatestCommit(directory).getUserData().get(CHANGES_KEY);
            appliedChanges = changes == null ? -1 : Long.parseLong(changes);
        }
        writer = stale ? recreate(directory) : new IndexWriter(directory, config(OpenMode.CREATE_OR_APPEND));
        if (stale) {
            LOG.warning("Search index has an older or unreadable layout: discarded, it needs a rebuild");
            writer.setLiveCommitData(Map.of(LAYOUT_KEY, "0").entrySet());
        } else {
            stampLayout();
        }
        try {
            searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setSimilarity(similarity);
                    return searcher;
                }
            });
        } catch (IOException | RuntimeException e) {
            writer.rollback();
            throw e;
        }
        if (segments() > 1) {
            // Opened in several segments (written so before, or by an older version): merged at the first look.
            written.set(BURST);
            writtenAtLastLook = BURST;
        }
        ArticleQueries queries = new ArticleQueries();
        fullText = new FullTextSearch(searchers, similarity, queries, new Snippets(analyzer));
        titles = new TitleLists(searchers, analyzer, queries);
    }

    private IndexWriterConfig config(OpenMode mode) {
        return new IndexWriterConfig(analyzer).setSimilarity(similarity).setOpenMode(mode);
    }

    /**
     * Starts an empty index over an old one. Even in CREATE mode the writer reads the last commit, so when that
     * cannot be read at all, the index's files are deleted and it starts again; the directory belongs to this
     * index alone.
     */
    private IndexWriter recreate(Directory directory) throws IOException {
        try {
            return new IndexWriter(directory, config(OpenMode.CREATE));
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | EOFException e) {
            LOG.warning(() -> "Search index unreadable, its files are deleted: " + e);
            for (String file : directory.listAll()) {
                if (file.startsWith(IndexFileNames.SEGMENTS) || file.startsWith("_")
                        || file.startsWith(IndexFileNames.PENDING_SEGMENTS)) {
                    directory.deleteFile(file);
                }
            }
            return new IndexWriter(directory, config(OpenMode.CREATE));
        }
    }

    /**
     * Adds or replaces the article (and its passages); an invisible one (a draft) is removed instead, passages
     * too, so readers never see it.
     */
    public void index(IndexedArticle article) throws IOException {
        if (!article.visible()) {
            delete(article.slug());
            return;
        }
        Document doc = ArticleFields.document(article);
        List<Document> passages = passageDocuments(article);
        writing.lock();
        try {
            writer.updateDocument(new Term(ArticleFields.SLUG, article.slug()), doc);
            if (vectors != null) {
                writer.deleteDocuments(new Term(ArticleFields.PASSAGE_OF, article.slug()));
                writer.addDocuments(passages);
            }
            written.addAndGet(1 + passages.size());
        } finally {
            writing.unlock();
        }
    }

    /** The article's passages, each with its vector when one was computed for its text before. */
    private List<Document> passageDocuments(IndexedArticle article) throws IOException {
        if (vectors == null) {
            return List.of();
        }
        List<Document> docs = new ArrayList<>();
        for (Passages.Passage passage : Passages.of(article)) {
            docs.add(ArticleFields.passage(article.slug(), passage, vectors.get(passage.hash())));
        }
        return docs;
    }

    public void delete(String slug) throws IOException {
        writing.lock();
        try {
            writer.deleteDocuments(new Term(ArticleFields.SLUG, slug), new Term(ArticleFields.PASSAGE_OF, slug));
        } finally {
            writing.unlock();
        }
    }

    /** A passage whose vector is still to be computed. */
    public record PendingPassage(String id, String hash, String text) {
    }

    /** Up to {@code max} passages without a vector yet (as of the last refresh). */
    public List<PendingPassage> pending(int max) throws IOException {
        if (vectors == null) {
            return List.of();
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(withoutVector(), max);
            List<PendingPassage> pending = new ArrayList<>();
            for (ScoreDoc hit : top.scoreDocs) {
                Document stored = searcher.storedFields().document(hit.doc);
                pending.add(new PendingPassage(stored.get(ArticleFields.PASSAGE_ID), stored.get(ArticleFields.PASSAGE_HASH),
                        stored.get(ArticleFields.PASSAGE_TEXT)));
            }
            return pending;
        } finally {
            searchers.release(searcher);
        }
    }

    private static Query withoutVector() {
        return new BooleanQuery.Builder()
                .add(new FieldExistsQuery(ArticleFields.PASSAGE_OF), BooleanClause.Occur.FILTER)
                .add(new FieldExistsQuery(ArticleFields.VECTOR), BooleanClause.Occur.MUST_NOT)
                .build();
    }

    /**
     * Gives these passages their vectors (kept in the vector store too) and makes them searchable. A passage that
     * is no longer its article's (the article was edited, unpublished or deleted meanwhile) is left alone: its
     * vector stays in the store, for when the same text comes back.
     */
    public void attach(Map<PendingPassage, float[]> computed) throws IOException {
        for (Map.Entry<PendingPassage, float[]> e : computed.entrySet()) {
            vectors.put(e.getKey().hash(), e.getValue());
        }
        vectors.commit();
        writing.lock();
        try {
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                for (Map.Entry<PendingPassage, float[]> e : computed.entrySet()) {
                    PendingPassage passage = e.getKey();
                    TopDocs current = searcher.search(new TermQuery(new Term(ArticleFields.PASSAGE_ID, passage.id())), 1);
                    if (current.scoreDocs.length == 0) {
                        continue;
                    }
                    Document stored = searcher.storedFields().document(current.scoreDocs[0].doc);
                    if (!passage.hash().equals(stored.get(ArticleFields.PASSAGE_HASH))) {
                        continue;
                    }
                    String slug = stored.get(ArticleFields.PASSAGE_OF);
                    int ordinal = Integer.parseInt(passage.id().substring(passage.id().lastIndexOf('#') + 1));
                    writer.updateDocument(new Term(ArticleFields.PASSAGE_ID, passage.id()), ArticleFields.passage(slug,
                            new Passages.Passage(ordinal, passage.text(), passage.hash()), e.getValue()));
                    written.incrementAndGet();
                }
            } finally {
                searchers.release(searcher);
            }
            searchers.maybeRefreshBlocking();
            // Durable now: a restart finds these passages with their vectors, not as work to do again.
            writer.commit();
        } finally {
            writing.unlock();
        }
    }

    /** The vector kept for this passage text, or null when it was never computed. */
    public float[] knownVector(String hash) throws IOException {
        return vectors == null ? null : vectors.get(hash);
    }

    /**
     * Removes the kept vectors ({@link PassageVectors}) that no passage of the index uses and that were not put
     * within {@code kept}; returns how many.
     */
    public int pruneVectors(Duration kept) throws IOException {
        if (vectors == null) {
            return 0;
        }
        Set<String> inUse = new HashSet<>();
        IndexSearcher searcher = searchers.acquire();
        try {
            searcher.search(new FieldExistsQuery(ArticleFields.PASSAGE_OF), new SimpleCollector() {
                private StoredFields stored;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws IOException {
                    stored = context.reader().storedFields();
                }

                @Override
                public void collect(int doc) throws IOException {
                    String hash = stored.document(doc, Set.of(ArticleFields.PASSAGE_HASH)).get(ArticleFields.PASSAGE_HASH);
                    if (hash != null) {
                        inUse.add(hash);
                    }
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
        } finally {
            searchers.release(searcher);
        }
        return vectors.prune(inUse, Instant.now().minus(kept));
    }

    /** Passages with their vector, and all passages (as of the last refresh). */
    public record PassageCounts(long embedded, long total) {
    }

    public PassageCounts passageCounts() throws IOException {
        if (vectors == null) {
            return new PassageCounts(0, 0);
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            long total = searcher.count(new FieldExistsQuery(ArticleFields.PASSAGE_OF));
            long pending = searcher.count(withoutVector());
            return new PassageCounts(total - pending, total);
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * Rebuilds the whole index from the given articles, commits and makes it visible. Searches keep seeing the
     * old index until then (unless another thread calls {@link #refresh()} meanwhile). An article whose document
     * cannot be built (Lucene refuses a term longer than 32 KB, say) is left out with a warning: one document must
     * not leave the whole index empty.
     */
    public void replaceAll(Iterable<IndexedArticle> all) throws IOException {
        // Held throughout, so that no vector computed for a passage of the old contents is attached to the new.
        writing.lock();
        try {
            replaceAllLocked(all);
        } finally {
            writing.unlock();
        }
    }

    private void replaceAllLocked(Iterable<IndexedArticle> all) throws IOException {
        writer.deleteAll();
        long count = 0;
        for (IndexedArticle article : all) {
            if (article.visible()) {
                try {
                    Document doc = ArticleFields.document(article);
                    List<Document> passages = passageDocuments(article);
                    writer.addDocument(doc);
                    writer.addDocuments(passages);
                    count++;
                } catch (RuntimeException | StackOverflowError e) {
                    if (!writer.isOpen()) {
                        throw e; // the writer failed for good: not this document's fault
                    }
                    LOG.warning(() -> "Search index rebuild: article " + article.slug() + " left out, its document cannot be built: " + e);
                }
            }
        }
        stampLayout();
        writer.forceMerge(1);
        written.set(0);
        writer.commit();
        searchers.maybeRefreshBlocking();
        long indexed = count;
        LOG.info(() -> "Search index rebuilt with " + indexed + " articles");
    }

    public void commit() throws IOException {
        writer.commit();
    }

    /** Commits, remembering that the index is complete up to this change-log line. */
    public void commit(long appliedChanges) throws IOException {
        this.appliedChanges = appliedChanges;
        stampLayout();
        writer.commit();
    }

    /** The change-log line this index was last committed complete up to; -1 when it never was. */
    public long appliedChanges() {
        return appliedChanges;
    }

    /** {@link #replaceAll(Iterable)}, complete up to this change-log line. */
    public void replaceAll(Iterable<IndexedArticle> all, long appliedChanges) throws IOException {
        this.appliedChanges = appliedChanges;
        replaceAll(all);
    }

    /**
     * Merges the index into one segment after a burst of writes (an import, a day of edits, the vectors of a long
     * backlog), once it has gone quiet. Each segment is searched on its own (every term looked up, every
     * nearest-neighbour graph walked, once per segment), and a burst leaves many: SciFact imported in 5 segments
     * was searched in 2.2 ms a claim, in one in 1.7 ms (p50, in-process); the writer's own merge policy leaves up
     * to ten segments of each size. Called every {@code period}: a burst of at least {@link #BURST} documents
     * written, then a period without any, starts the merge in the writer's merge threads (searches and writes go
     * on meanwhile); a later call commits it once it is done. A rebuild ends merged already.
     */
    public void compactIfQuiet() throws IOException {
        // Not while a rebuild holds the lock: a commit now would make its half-written index durable.
        if (!writing.tryLock()) {
            return;
        }
        try {
            if (merging) {
                searchers.maybeRefreshBlocking();
                if (segments() <= 1 || !writer.hasPendingMerges() && writer.getMergingSegments().isEmpty()) {
                    merging = false;
                    writer.commit();
                    LOG.fine(() -> "Search index merged into " + segmentsOrUnknown() + " segment(s)");
                }
                return;
            }
            long count = written.get();
            boolean quiet = count == writtenAtLastLook;
            writtenAtLastLook = count;
            if (count < BURST || !quiet || segments() <= 1) {
                return;
            }
            written.addAndGet(-count);
            writtenAtLastLook = written.get();
            merging = true;
            int before = segments();
            LOG.fine(() -> "Search index: " + count + " documents written in " + before + " segments; merging them into one");
            writer.forceMerge(1, false);
        } finally {
            writing.unlock();
        }
    }

    /** The segments searches see now. */
    public int segments() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().leaves().size();
        } finally {
            searchers.release(searcher);
        }
    }

    private String segmentsOrUnknown() {
        try {
            return String.valueOf(segments());
        } catch (IOException e) {
            return "?";
        }
    }

    /** Makes every write so far visible to searches, without a commit. */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    public long documentCount() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.count(new FieldExistsQuery(ArticleFields.SLUG));
        } finally {
            searchers.release(searcher);
        }
    }

    /** Which of these slugs have no document in the index (as of the last refresh). */
    public Set<String> missing(Collection<String> slugs) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Set<String> missing = new TreeSet<>();
            for (String slug : slugs) {
                if (searcher.count(new TermQuery(new Term(ArticleFields.SLUG, slug))) == 0) {
                    missing.add(slug);
                }
            }
            return missing;
        } finally {
            searchers.release(searcher);
        }
    }

    /** {@link #isCurrentLayout(Directory, boolean)} for a lexical index. */
    public static boolean isCurrentLayout(Directory directory) throws IOException {
        return isCurrentLayout(directory, false);
    }

    /**
     * False when there is no index, it cannot be read, or it was written with another layout, or with passages
     * where none are wanted or the other way round: rebuild then.
     */
    public static boolean isCurrentLayout(Directory directory, boolean semantic) throws IOException {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return false;
            }
            Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
            return String.valueOf(LAYOUT_VERSION).equals(data.get(LAYOUT_KEY))
                    && semanticValue(semantic).equals(data.getOrDefault(SEMANTIC_KEY, "off"));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "Search index unreadable, needs a rebuild: {0}", e.toString());
            return false;
        }
    }

    /** One page of a reader's search (see {@link FullTextSearch}), lexical only. */
    public SearchResult search(SearchQuery query) throws IOException {
        return fullText.search(query, null);
    }

    /**
     * One page of a reader's search, with the passages nearest in meaning fused into the ranking where there are
     * vectors; {@code queryVectors} embeds the query's text.
     */
    public SearchResult search(SearchQuery query, Function<String, float[]> queryVectors) throws IOException {
        return fullText.search(query, vectors == null ? null : queryVectors, fusion);
    }

    /**
     * Reciprocal rank fusion's k, the semantic ranking's weight and the cosine similarity below which a passage
     * is not near (defaults: {@link Fusion#K}, {@link Fusion#SEMANTIC_WEIGHT}, {@link Fusion#MIN_SIMILARITY}),
     * for tuning on a training set.
     */
    public void fusion(int k, float semanticWeight, float minSimilarity) {
        fusion = new Fusion.Settings(k, semanticWeight, minSimilarity);
    }

    /** Titles that complete what a reader is typing: each typed word starts a word of the title. */
    public List<SearchHit> suggest(String prefix, int limit) throws IOException {
        return titles.completing(prefix, limit);
    }

    /**
     * Articles about the same things as this text, the article itself excluded: by their words, or with semantic
     * search also by the meaning of their passages (see {@link #relatedBy}).
     */
    public List<SearchHit> related(String slug, String text, int limit) throws IOException {
        return titles.related(slug, text, limit, vectors == null ? TitleLists.Related.WORDS : relatedBy,
                fusion.minSimilarity());
    }

    /** How related articles are found when the index has vectors: words, meaning (the default) or both. */
    public void relatedBy(String how) {
        try {
            relatedBy = TitleLists.Related.valueOf(how.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dossier.search.related is words, meaning or both, not '" + how + "'", e);
        }
    }

    /** The published articles that link to any of these addresses of an article, newest first. */
    public List<SearchHit> linkingTo(String slug, Collection<String> addresses, int limit) throws IOException {
        return titles.linkingTo(slug, addresses, limit);
    }

    /** Closes the searchers first, then the writer, which commits what is pending. */
    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            // Committed, then closed without waiting for a merge still running (a large index's merge takes
            // seconds; the next start merges again if it must).
            try {
                writer.commit();
            } finally {
                writer.rollback();
            }
        }
    }

    private void stampLayout() {
        writer.setLiveCommitData(Map.of(LAYOUT_KEY, String.valueOf(LAYOUT_VERSION),
                CHANGES_KEY, String.valueOf(appliedChanges), SEMANTIC_KEY, semanticValue(vectors != null)).entrySet());
    }

    private static String semanticValue(boolean semantic) {
        return semantic ? "on" : "off";
    }
}
