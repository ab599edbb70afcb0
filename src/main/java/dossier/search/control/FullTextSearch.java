package dossier.search.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

import dossier.search.control.SearchSyntax.Kind;
import dossier.search.control.SearchSyntax.Part;

import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * A reader's search, one page of it: every word must match (the strict query), or when nothing does, any word
 * (the relaxed one). Each search has a time limit and counts every match for the tag facets; a search that finds
 * little asks whether a word was misspelled ("Did you mean"); the hits of the page come with their snippets.
 */
final class FullTextSearch {

    private static final Logger LOG = Logger.getLogger(FullTextSearch.class.getName());
    static final long TIME_LIMIT_MILLIS = 1_000;
    private static final int MAX_RESULT_WINDOW = SearchQuery.MAX_RESULT_WINDOW;
    /** Fewer hits than this and the query may be misspelled: worth a "Did you mean". */
    private static final int FEW_HITS = 3;

    record Found(TopDocs top, FacetsCollector matches, Query query, boolean timedOut) {
    }

    /**
     * By relevance, and among equal scores by slug. Lucene's own tie-break, the lower document number first,
     * depends on the history of the index: two nodes would list tied articles in different orders (6 of SciFact's
     * 1,109 claims had another top 10 on two servers that imported the same files).
     */
    static final Sort BEST_THEN_BY_SLUG = new Sort(SortField.FIELD_SCORE, new SortedSetSortField(ArticleFields.SLUG, false));

    /** The tag ordinals of one reader, reused until a refresh brings a new reader. */
    private record TagOrdinals(IndexReader reader, StringDocValuesReaderState state) {
    }

    private final SearcherManager searchers;
    private final Similarity similarity;
    private final ArticleQueries queries;
    private final Snippets snippets;
    private final DirectSpellChecker twoEdits = new DirectSpellChecker();
    private final DirectSpellChecker oneEdit = new DirectSpellChecker();
    private final SemanticRanking semantic;
    private volatile TagOrdinals tagOrdinals;

    FullTextSearch(SearcherManager searchers, Similarity similarity, ArticleQueries queries, Snippets snippets) {
        this.searchers = searchers;
        this.similarity = similarity;
        this.queries = queries;
        this.snippets = snippets;
        this.semantic = new SemanticRanking(this, snippets);
        oneEdit.setMaxEdits(1);
    }

    /**
     * One page of results. With {@code queryVectors} (semantic search on), a search by relevance that has words
     * also looks for the passages nearest in meaning, within the query's filters, and fuses the two rankings
     * ({@link Fusion}); while no passage has a vector yet, or for a search by date or by filters alone, the
     * ranking is lexical only.
     */
    SearchResult search(SearchQuery query, Function<String, float[]> queryVectors) throws IOException {
        return search(query, queryVectors, Fusion.Settings.DEFAULT);
    }

    SearchResult search(SearchQuery query, Function<String, float[]> queryVectors, Fusion.Settings fusion)
            throws IOException {
        List<Part> parts = SearchSyntax.parse(query.text());
        ArticleQueries.Plan plan = queries.plan(parts, query.tag());
        if (plan == null) {
            return SearchResult.empty();
        }
        // A page at the window's end is empty, but still shows the total: it needs no top hits collected.
        int from = query.from();
        int window = from >= MAX_RESULT_WINDOW ? 1 : (int) Math.min((long) from + query.size(), MAX_RESULT_WINDOW);
        Sort sort = query.sort() == SearchQuery.Sort.DATE || !plan.scored() ? ArticleFields.NEWEST_FIRST : null;
        boolean hybrid = queryVectors != null && sort == null && !plan.meaning().isBlank()
                && window <= SemanticRanking.DEPTH;
        IndexSearcher shared = searchers.acquire();
        try {
            IndexReader reader = shared.getIndexReader();
            if (hybrid && hasVectors(reader)) {
                return semantic.search(shared, plan, parts, query, queryVectors.apply(plan.meaning()), fusion);
            }
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
            return new SearchResult(found.top().totalHits.value, hits(shared, found, from),
                    tagCounts(reader, found.matches()), relaxed, suggestion);
        } finally {
            searchers.release(shared);
        }
    }

    /**
     * Searches with a time limit and counts every match for the facets. The limit needs its own IndexSearcher,
     * a cheap wrapper around the shared reader, because the shared one serves other threads at the same time.
     */
    Found find(IndexReader reader, Query query, Sort sort, int window) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(similarity);
        searcher.setTimeout(new QueryTimeoutImpl(TIME_LIMIT_MILLIS));
        int numHits = Math.max(window, 1);
        CollectorManager<?, ? extends TopDocs> top =
                new TopFieldCollectorManager(sort == null ? BEST_THEN_BY_SLUG : sort, numHits, Integer.MAX_VALUE);
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
        List<Snippets.Snippet> passages = snippets.of(searcher, found.query(), docs);
        List<SearchHit> hits = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            Document stored = searcher.storedFields().document(docs[i], ArticleFields.LISTED);
            float score = scoreDocs[from + i].score;
            Snippets.Snippet snippet = passages.get(i);
            hits.add(new SearchHit(stored.get(ArticleFields.SLUG), stored.get(ArticleFields.TITLE), snippet.html(),
                    Float.isNaN(score) ? 0f : score, ArticleFields.tagNames(stored), ArticleFields.published(stored),
                    snippet.inDiscussion()));
        }
        return hits;
    }

    Map<String, Long> tagCounts(IndexReader reader, FacetsCollector matches) throws IOException {
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
     *
     * <p>A word with a digit or a capital after its first letter ("ALDH1", "PrP", "iPhone") is a name or a code,
     * not a misspelling, and stays as typed. In a question of more than {@link #TWO_EDITS_UP_TO} words, a word is
     * corrected by one edit (a letter added, left out, changed or two swapped: most typing slips); in a shorter
     * one, by two. The automaton of two edits costs about six times that of one (0.8 against 0.14 ms a word), and
     * a long question has several words the articles lack, which the search of any word answers anyway.
     */
    String didYouMean(List<Part> parts, IndexReader reader) throws IOException {
        int words = (int) parts.stream().filter(p -> p.kind() == Kind.WORD && !p.negated()).count();
        int maxEdits = words <= TWO_EDITS_UP_TO ? 2 : 1;
        boolean changed = false;
        List<String> corrected = new ArrayList<>();
        for (Part part : parts) {
            String word = part.kind() == Kind.WORD && !part.negated() && !nameOrCode(part.value())
                    ? correct(part.value(), reader, maxEdits) : null;
            changed |= word != null;
            corrected.add(word == null ? part.raw() : word);
        }
        return changed ? String.join(" ", corrected) : null;
    }

    /** Questions of up to this many words have their words corrected by up to two edits. */
    static final int TWO_EDITS_UP_TO = 4;

    static boolean nameOrCode(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isDigit(c) || i > 0 && Character.isUpperCase(c)) {
                return true;
            }
        }
        return false;
    }

    private String correct(String word, IndexReader reader, int maxEdits) throws IOException {
        List<String> terms = queries.exactTerms(word);
        if (terms.size() != 1) {
            return null;
        }
        Term term = new Term(ArticleFields.TEXT_EXACT, terms.get(0));
        if (reader.docFreq(term) > 0) {
            return null;
        }
        DirectSpellChecker spelling = maxEdits == 2 ? twoEdits : oneEdit;
        SuggestWord[] similar = spelling.suggestSimilar(term, 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
        return similar.length == 0 ? null : similar[0].string;
    }

    /** Whether any passage has its vector yet: until then, search is lexical. */
    private static boolean hasVectors(IndexReader reader) throws IOException {
        for (LeafReaderContext leaf : reader.leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(ArticleFields.VECTOR);
            if (values != null && values.size() > 0) {
                return true;
            }
        }
        return false;
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "\u2026";
    }
}
