package dossier.search.control;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import dossier.search.control.SearchSyntax.Kind;
import dossier.search.control.SearchSyntax.Part;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;

/**
 * The search index of published articles. One instance per index and JVM: it owns the only {@link IndexWriter}
 * and the {@link SearcherManager} over it, and every method may be called from any thread. Writes become visible
 * to searches on {@link #refresh()} (near-real-time, without a commit) and durable on {@link #commit()}; callers
 * commit after a batch, not per article, because each commit syncs files to disk.
 *
 * <p>Drafts are never in the index: indexing an invisible article deletes it, so no query or filter can leak one.
 *
 * <p>An index written with another {@link #LAYOUT_VERSION} is discarded on opening (Lucene refuses documents whose
 * fields changed type, and a half-old index would answer wrongly), and commits do not claim the current layout
 * until {@link #replaceAll} has rebuilt it; so check {@link #isCurrentLayout} before opening and rebuild when it
 * says false.
 */
public class ArticleIndex implements AutoCloseable {

    public static final int LAYOUT_VERSION = 5;

    static final String LAYOUT_KEY = "layout";
    /** Commit data: the change-log line up to which this index is complete. */
    static final String CHANGES_KEY = "changes";
    private volatile long appliedChanges = -1;
    private static final Logger LOG = Logger.getLogger(ArticleIndex.class.getName());
    private static final long TIME_LIMIT_MILLIS = 1_000;
    private static final int SNIPPET_CHARS = 240;
    /** Passages come from the stored opening of a text (see {@link ArticleFields#BODY_HEAD}). */
    private static final int SNIPPET_SOURCE_CHARS = ArticleFields.HEAD_CHARS;
    private static final int MAX_RESULT_WINDOW = SearchQuery.MAX_RESULT_WINDOW;
    /** Fewer hits than this and the query may be misspelled: worth a "Did you mean". */
    private static final int FEW_HITS = 3;
    private static final int MAX_SUGGESTIONS = 50;
    private static final int RELATED_SOURCE_CHARS = 20_000;
    private static final int RELATED_MIN_SHARED = 3;
    private static final Set<String> SNIPPET_TERM_FIELDS = Set.of(ArticleFields.TITLE, ArticleFields.HEADINGS,
            ArticleFields.SUMMARY, ArticleFields.BODY, ArticleFields.BODY_HEAD, ArticleFields.DISCUSSION,
            ArticleFields.DISCUSSION_HEAD, ArticleFields.TEXT_EXACT);
    private static final Sort NEWEST_FIRST = newestFirst();

    /**
     * BM25's term-frequency saturation and length normalisation. From a sweep on the BEIR SciFact train split only
     * (see {@code SciFactBench}): every pair from 0.6 to 1.8 and 0.3 to 0.9 lay within 0.006 nDCG@10 there, so
     * these are Lucene's usual k1 with a milder length normalisation than its 0.75, for long articles beside
     * short ones.
     */
    private static final float BM25_K1 = 1.2f;
    private static final float BM25_B = 0.45f;

    private final Analyzer analyzer = ArticleFields.analyzer();
    private final Similarity similarity;
    private final ArticleQueries queries;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final DirectSpellChecker spelling = new DirectSpellChecker();
    /** The tag ordinals of one reader, reused until a refresh brings a new reader. */
    private volatile TagOrdinals tagOrdinals;

    private record TagOrdinals(IndexReader reader, StringDocValuesReaderState state) {
    }

    private record Found(TopDocs top, FacetsCollector matches, Query query, boolean timedOut) {
    }

    public ArticleIndex(Directory directory) throws IOException {
        Objects.requireNonNull(directory);
        similarity = new BM25Similarity(BM25_K1, BM25_B);
        queries = new ArticleQueries();
        boolean stale = DirectoryReader.indexExists(directory) && !isCurrentLayout(directory);
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

    /** Adds or replaces the article; an invisible one (a draft) is removed instead, so readers never see it. */
    public void index(IndexedArticle article) throws IOException {
        if (!article.visible()) {
            delete(article.slug());
            return;
        }
        writer.updateDocument(new Term(ArticleFields.SLUG, article.slug()), ArticleFields.document(article));
    }

    public void delete(String slug) throws IOException {
        writer.deleteDocuments(new Term(ArticleFields.SLUG, slug));
    }

    /**
     * Rebuilds the whole index from the given articles, commits and makes it visible. Searches keep seeing the
     * old index until then (unless another thread calls {@link #refresh()} meanwhile). An article whose document
     * cannot be built (Lucene refuses a term longer than 32 KB, say) is left out with a warning: one document must
     * not leave the whole index empty.
     */
    public void replaceAll(Iterable<IndexedArticle> all) throws IOException {
        writer.deleteAll();
        long count = 0;
        for (IndexedArticle article : all) {
            if (article.visible()) {
                try {
                    writer.addDocument(ArticleFields.document(article));
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

    /** Makes every write so far visible to searches, without a commit. */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    public long documentCount() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    /** Which of these slugs have no document in the index (as of the last refresh). */
    public java.util.Set<String> missing(java.util.Collection<String> slugs) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            java.util.Set<String> missing = new java.util.TreeSet<>();
            for (String slug : slugs) {
                if (searcher.count(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(ArticleFields.SLUG, slug))) == 0) {
                    missing.add(slug);
                }
            }
            return missing;
        } finally {
            searchers.release(searcher);
        }
    }

    /** False when there is no index, it cannot be read, or it was written with another layout: rebuild then. */
    public static boolean isCurrentLayout(Directory directory) throws IOException {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return false;
            }
            String layout = SegmentInfos.readLatestCommit(directory).getUserData().get(LAYOUT_KEY);
            return String.valueOf(LAYOUT_VERSION).equals(layout);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "Search index unreadable, needs a rebuild: {0}", e.toString());
            return false;
        }
    }

    public SearchResult search(SearchQuery query) throws IOException {
        List<Part> parts = SearchSyntax.parse(query.text());
        ArticleQueries.Plan plan = queries.plan(parts, query.tag());
        if (plan == null) {
            return SearchResult.empty();
        }
        // A page at the window's end is empty, but still shows the total: it needs no top hits collected.
        int from = query.from();
        int window = from >= MAX_RESULT_WINDOW ? 1 : (int) Math.min((long) from + query.size(), MAX_RESULT_WINDOW);
        Sort sort = query.sort() == SearchQuery.Sort.DATE || !plan.scored() ? NEWEST_FIRST : null;
        IndexSearcher shared = searchers.acquire();
        try {
            IndexReader reader = shared.getIndexReader();
            Found found = find(reader, plan.strict(), sort, window);
            // Asked of the strict search: a misspelled word makes it fail, and the relaxed one would hide that.
            String suggestion = found.top().totalHits.value < FEW_HITS ? didYouMean(parts, reader) : null;
            boolean relaxed = false;
            if (found.top().totalHits.value == 0 && plan.relaxed() != null) {
                Found any = find(reader, plan.relaxed(), sort, window);
                if (any.top().totalHits.value > 0) {
                    found = any;
                    relaxed = true;
                }
            }
            if (found.timedOut()) {
                LOG.info(() -> "Search stopped after " + TIME_LIMIT_MILLIS + " ms with partial results: "
                        + abbreviate(query.text()));
            }
            List<SearchHit> hits = hits(shared, found, from);
            return new SearchResult(found.top().totalHits.value, hits, tagCounts(reader, found.matches()), relaxed,
                    suggestion);
        } finally {
            searchers.release(shared);
        }
    }

    /** Titles that complete what a reader is typing: each typed word starts a word of the title. */
    public List<SearchHit> suggest(String prefix, int limit) throws IOException {
        if (prefix == null || prefix.isBlank() || limit <= 0) {
            return List.of();
        }
        Query completion = queries.completion(prefix.length() > SearchSyntax.MAX_CHARS
                ? prefix.substring(0, SearchSyntax.MAX_CHARS) : prefix);
        if (completion == null) {
            return List.of();
        }
        Sort bestThenNewest = new Sort(SortField.FIELD_SCORE, NEWEST_FIRST.getSort()[0]);
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(completion, Math.min(limit, MAX_SUGGESTIONS), bestThenNewest, true);
            return titlesOf(searcher, top);
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * Articles about the same things as this text (Lucene's MoreLikeThis over the body field: the text's most
     * telling words by tf-idf), the article itself excluded. Only the opening of a long text is read.
     */
    public List<SearchHit> related(String slug, String text, int limit) throws IOException {
        if (text == null || text.isBlank() || limit <= 0) {
            return List.of();
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
            mlt.setAnalyzer(analyzer);
            mlt.setFieldNames(new String[] {ArticleFields.BODY});
            mlt.setMinTermFreq(2);
            mlt.setMinDocFreq(2);
            mlt.setMaxQueryTerms(25);
            String opening = text.length() > RELATED_SOURCE_CHARS ? text.substring(0, RELATED_SOURCE_CHARS) : text;
            Query like = mlt.like(ArticleFields.BODY, new StringReader(opening));
            if (like instanceof BooleanQuery terms) {
                // One shared common word is no kinship: ask for a few of the telling words at once.
                BooleanQuery.Builder atLeast = new BooleanQuery.Builder()
                        .setMinimumNumberShouldMatch(Math.min(RELATED_MIN_SHARED, terms.clauses().size()));
                terms.clauses().forEach(atLeast::add);
                like = atLeast.build();
            }
            Query query = new BooleanQuery.Builder()
                    .add(like, BooleanClause.Occur.SHOULD)
                    .add(new TermQuery(new Term(ArticleFields.SLUG, slug)), BooleanClause.Occur.MUST_NOT)
                    .build();
            return titlesOf(searcher, searcher.search(query, Math.min(limit, MAX_SUGGESTIONS)));
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * The published articles that link to any of these addresses (an article's slug, its old slugs, its extra
     * path), newest first, without the article itself.
     */
    public List<SearchHit> linkingTo(String slug, java.util.Collection<String> addresses, int limit) throws IOException {
        if (addresses.isEmpty() || limit <= 0) {
            return List.of();
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            Query query = new BooleanQuery.Builder()
                    .add(new org.apache.lucene.search.TermInSetQuery(ArticleFields.LINKS,
                            addresses.stream().map(org.apache.lucene.util.BytesRef::new).toList()), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(ArticleFields.SLUG, slug)), BooleanClause.Occur.MUST_NOT)
                    .build();
            return titlesOf(searcher, searcher.search(query, Math.min(limit, MAX_SUGGESTIONS), NEWEST_FIRST));
        } finally {
            searchers.release(searcher);
        }
    }

    private static List<SearchHit> titlesOf(IndexSearcher searcher, TopDocs top) throws IOException {
        List<SearchHit> hits = new ArrayList<>();
        for (ScoreDoc scoreDoc : top.scoreDocs) {
            Document stored = searcher.storedFields().document(scoreDoc.doc, Set.of(ArticleFields.SLUG,
                    ArticleFields.TITLE, ArticleFields.TAG_NAMES, ArticleFields.PUBLISHED));
            hits.add(new SearchHit(stored.get(ArticleFields.SLUG), stored.get(ArticleFields.TITLE), null,
                    scoreDoc.score, ArticleFields.tagNames(stored), ArticleFields.published(stored), false));
        }
        return hits;
    }

    /** Closes the searchers first, then the writer, which commits what is pending. */
    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            writer.close();
        }
    }

    private void stampLayout() {
        writer.setLiveCommitData(Map.of(LAYOUT_KEY, String.valueOf(LAYOUT_VERSION),
                CHANGES_KEY, String.valueOf(appliedChanges)).entrySet());
    }

    /**
     * Searches with a time limit and counts every match for the facets. The limit needs its own IndexSearcher,
     * a cheap wrapper around the shared reader, because the shared one serves other threads at the same time.
     */
    private Found find(IndexReader reader, Query query, Sort sort, int window) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(similarity);
        searcher.setTimeout(new QueryTimeoutImpl(TIME_LIMIT_MILLIS));
        int numHits = Math.max(window, 1);
        CollectorManager<?, ? extends TopDocs> top = sort == null
                ? new TopScoreDocCollectorManager(numHits, Integer.MAX_VALUE)
                : new TopFieldCollectorManager(sort, numHits, Integer.MAX_VALUE);
        Object[] results = searcher.search(query, new MultiCollectorManager(top, new FacetsCollectorManager()));
        return new Found((TopDocs) results[0], (FacetsCollector) results[1], query, searcher.timedOut());
    }

    private List<SearchHit> hits(IndexSearcher searcher, Found found, int from) throws IOException {
        ScoreDoc[] scoreDocs = found.top().scoreDocs;
        if (from < 0 || from >= scoreDocs.length) {
            return List.of();
        }
        int[] docs = new int[scoreDocs.length - from];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = scoreDocs[from + i].doc;
        }
        Map<String, String[]> snippets = highlighter(searcher).highlightFields(
                new String[] {ArticleFields.BODY_HEAD, ArticleFields.SUMMARY, ArticleFields.DISCUSSION_HEAD}, found.query(), docs,
                new int[] {2, 1, 1});
        List<SearchHit> hits = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            Document stored = searcher.storedFields().document(docs[i], Set.of(ArticleFields.SLUG,
                    ArticleFields.TITLE, ArticleFields.TAG_NAMES, ArticleFields.PUBLISHED));
            float score = scoreDocs[from + i].score;
            String body = snippets.get(ArticleFields.BODY_HEAD)[i];
            String discussion = snippets.get(ArticleFields.DISCUSSION_HEAD)[i];
            String summary = snippets.get(ArticleFields.SUMMARY)[i];
            boolean inDiscussion = !marked(body) && !marked(summary) && marked(discussion);
            hits.add(new SearchHit(stored.get(ArticleFields.SLUG), stored.get(ArticleFields.TITLE),
                    inDiscussion ? discussion : snippet(body, summary),
                    Float.isNaN(score) ? 0f : score, ArticleFields.tagNames(stored), ArticleFields.published(stored),
                    inDiscussion));
        }
        return hits;
    }

    /**
     * The highlighter re-uses the postings' offsets (see {@link ArticleFields#HIGHLIGHTED}). Terms of the other
     * text fields count for the body too: a title word or an unstemmed prefix is marked where it occurs.
     */
    private UnifiedHighlighter highlighter(IndexSearcher searcher) {
        return UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new SnippetFormatter(SNIPPET_CHARS))
                // Passages end at spaces, found by a plain scan: the JDK's sentence iterator, asked for the bounds
                // around every match, was most of a search's time on long documents.
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        new CustomSeparatorBreakIterator(' '), SNIPPET_CHARS / 2, 0.5f))
                .withMaxLength(SNIPPET_SOURCE_CHARS)
                .withWeightMatches(false)
                .withFieldMatcher(SNIPPET_TERM_FIELDS::contains)
                .withScorer(PASSAGES)
                .build();
    }

    /**
     * Ranks passages by how many different query words they hold, then by how many matches, then by how early
     * they stand. Lucene's own scorer builds a term hash for every candidate passage, and on a long text that
     * allocation was most of a search's time.
     */
    private static final PassageScorer PASSAGES = new PassageScorer() {
        @Override
        public float score(Passage passage, int contentLength) {
            int matches = passage.getNumMatches();
            BytesRef[] terms = passage.getMatchTerms();
            int distinct = 0;
            for (int i = 0; i < matches; i++) {
                boolean seen = false;
                for (int j = 0; j < i && !seen; j++) {
                    seen = terms[j].bytesEquals(terms[i]);
                }
                if (!seen) {
                    distinct++;
                }
            }
            float earliness = 1f / (1f + passage.getStartOffset() / 1000f);
            return distinct * 10f + Math.min(matches, 9) + earliness;
        }
    };

    private static boolean marked(String snippet) {
        return snippet != null && snippet.contains(SnippetFormatter.MARK);
    }

    /** The body's best passages when a word matched there, else the summary's, else the start of either. */
    private static String snippet(String body, String summary) {
        if (body != null && body.contains(SnippetFormatter.MARK)) {
            return body;
        }
        if (summary != null && (summary.contains(SnippetFormatter.MARK) || !summary.isBlank())) {
            return summary;
        }
        return body == null ? "" : body;
    }

    private Map<String, Long> tagCounts(IndexReader reader, FacetsCollector matches) throws IOException {
        TagOrdinals ordinals = tagOrdinals;
        if (ordinals == null || ordinals.reader() != reader) {
            ordinals = new TagOrdinals(reader, new StringDocValuesReaderState(reader, ArticleFields.TAGS));
            tagOrdinals = ordinals;
        }
        FacetResult result = new StringValueFacetCounts(ordinals.state(), matches).getAllChildren(ArticleFields.TAGS);
        Map<String, Long> counts = new LinkedHashMap<>();
        if (result != null) {
            List<LabelAndValue> values = new ArrayList<>(List.of(result.labelValues));
            values.sort(Comparator.comparing((LabelAndValue v) -> v.value.longValue()).reversed()
                    .thenComparing(v -> v.label));
            values.forEach(v -> counts.put(v.label, v.value.longValue()));
        }
        return counts;
    }

    /**
     * Corrects the words that occur nowhere in the articles, against their words as written; phrases, prefixes
     * and filters stay as typed. Null when nothing changed.
     */
    private String didYouMean(List<Part> parts, IndexReader reader) throws IOException {
        boolean changed = false;
        List<String> words = new ArrayList<>();
        for (Part part : parts) {
            String corrected = part.kind() == Kind.WORD && !part.negated() ? correct(part.value(), reader) : null;
            changed |= corrected != null;
            words.add(corrected == null ? part.raw() : corrected);
        }
        return changed ? String.join(" ", words) : null;
    }

    private String correct(String word, IndexReader reader) throws IOException {
        List<String> terms = queries.exactTerms(word);
        if (terms.size() != 1) {
            return null;
        }
        Term term = new Term(ArticleFields.TEXT_EXACT, terms.get(0));
        if (reader.docFreq(term) > 0) {
            return null;
        }
        SuggestWord[] similar = spelling.suggestSimilar(term, 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
        return similar.length == 0 ? null : similar[0].string;
    }

    private static Sort newestFirst() {
        SortField published = LongField.newSortField(ArticleFields.PUBLISHED, true, SortedNumericSelector.Type.MAX);
        published.setMissingValue(Long.MIN_VALUE);
        return new Sort(published, SortField.FIELD_SCORE);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "\u2026";
    }
}
