package dossier.search.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import dossier.search.control.SearchSyntax.Part;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.VectorUtil;

/**
 * The hybrid page of a search: the lexical ranking (as {@link FullTextSearch} makes it, to {@link #DEPTH}
 * articles) fused with the articles whose passages are nearest to the query's meaning. The query's filters,
 * exclusions, phrases and prefixes hold for the semantic side too: they are evaluated on the articles, and the
 * nearest-neighbour search runs over the passages of the articles that pass them, so a semantic hit never shows
 * an excluded article. Passages exist only for published articles and go with them, so a draft cannot come back
 * through its vectors.
 */
final class SemanticRanking {

    /** Each ranking is read this deep before fusing; pages beyond it are ranked lexically only. */
    static final int DEPTH = 100;
    /** Passages asked of the nearest-neighbour search: several may belong to one article. */
    static final int PASSAGES = 2 * DEPTH;

    private final FullTextSearch lexical;
    private final Snippets snippets;

    SemanticRanking(FullTextSearch lexical, Snippets snippets) {
        this.lexical = lexical;
        this.snippets = snippets;
    }

    /** An article found by meaning: the passage that came nearest. */
    private record Nearest(int passageDoc, float similarity) {
    }

    SearchResult search(IndexSearcher searcher, ArticleQueries.Plan plan, List<Part> parts, SearchQuery query,
                        float[] meaning, Fusion.Settings fusion) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        FullTextSearch.Found found = lexical.find(reader, plan.strict(), null, DEPTH);
        String suggestion = found.top().totalHits.value < 3 ? lexical.didYouMean(parts, reader) : null;
        boolean relaxed = false;
        if (found.top().totalHits.value == 0 && plan.relaxed() != null) {
            FullTextSearch.Found any = lexical.find(reader, plan.relaxed(), null, DEPTH);
            if (any.top().totalHits.value > 0) {
                found = any;
                relaxed = true;
            }
        }
        List<String> lexicalSlugs = new ArrayList<>();
        Map<String, Integer> articleDocs = new HashMap<>();
        ScoreDoc[] lexicalHits = found.top().scoreDocs;
        String[] slugs = keywords(reader, lexicalHits, ArticleFields.SLUG);
        for (int i = 0; i < lexicalHits.length; i++) {
            lexicalSlugs.add(slugs[i]);
            articleDocs.put(slugs[i], lexicalHits[i].doc);
        }
        Map<String, Nearest> nearest = nearest(searcher, plan, meaning, fusion.minSimilarity());
        List<Fusion.Ranked> fused = Fusion.fuse(lexicalSlugs, List.copyOf(nearest.keySet()), fusion.k(),
                fusion.weight());
        long semanticOnly = fused.stream().filter(r -> r.lexicalRank() < 0).count();
        long total = found.top().totalHits.value + semanticOnly;
        int from = query.from();
        int to = Math.min(fused.size(), from + query.size());
        List<SearchHit> hits = from >= to ? List.of()
                : hits(searcher, found.query(), fused.subList(from, to), articleDocs, nearest);
        return new SearchResult(total, hits, lexical.tagCounts(reader, found.matches()), relaxed, suggestion);
    }

    /**
     * The articles whose passages are nearest to the meaning, best first, each with its nearest passage; only
     * among the articles that satisfy the query's constraints, when it has any.
     */
    private Map<String, Nearest> nearest(IndexSearcher searcher, ArticleQueries.Plan plan, float[] meaning,
                                         float minSimilarity) throws IOException {
        // Lucene scores a cosine c as (1 + c) / 2.
        float minScore = (1f + minSimilarity) / 2f;
        Query filter = null;
        if (plan.constraints() != null) {
            List<BytesRef> allowed = slugsMatching(searcher, plan.constraints());
            if (allowed.isEmpty()) {
                return Map.of();
            }
            // Constraints that every article meets (an exclusion of a word none has) filter nothing.
            if (allowed.size() < searcher.count(ArticleQueries.ARTICLES)) {
                filter = new TermInSetQuery(ArticleFields.PASSAGE_OF, allowed);
            }
        }
        TopDocs passages = nearestPassages(searcher, meaning, PASSAGES, filter);
        Map<String, Nearest> nearest = new LinkedHashMap<>();
        String[] articles = keywords(searcher.getIndexReader(), passages.scoreDocs, ArticleFields.PASSAGE_OF);
        for (int i = 0; i < passages.scoreDocs.length; i++) {
            ScoreDoc hit = passages.scoreDocs[i];
            if (hit.score < minScore) {
                break; // best first: the rest are further still
            }
            String slug = articles[i];
            nearest.putIfAbsent(slug, new Nearest(hit.doc, hit.score));
            if (nearest.size() == DEPTH) {
                break;
            }
        }
        return nearest;
    }

    /**
     * Up to this many passages the nearest are found by comparing the target with every vector: exact, so every
     * node answers alike whatever the history of its index (the graph search is approximate, and two nodes that
     * built their graphs in another order gave the same top 10 for 975 of SciFact's 1,109 claims, against 1,103
     * by words alone). It costs about 3 ms at 13,652 passages and grows with them; beyond, the graph (HNSW).
     */
    static final int EXACT_UP_TO = 20_000;
    /** {@link #EXACT_UP_TO}, lowered by tests to reach the graph search on a small index. */
    static volatile int exactUpTo = EXACT_UP_TO;

    /** The {@code k} passages nearest to the target among those the filter (if any) lets through, best first. */
    static TopDocs nearestPassages(IndexSearcher searcher, float[] target, int k, Query filter) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        long vectors = 0;
        for (LeafReaderContext leaf : leaves) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(ArticleFields.VECTOR);
            vectors += values == null ? 0 : values.size();
        }
        if (vectors > exactUpTo) {
            return searcher.search(new KnnFloatVectorQuery(ArticleFields.VECTOR, target, k, filter), k);
        }
        Weight allowed = filter == null ? null
                : searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
        // The model's vectors have length 1, so their cosine with the target is a dot product with the target
        // scaled to length 1: a third of the arithmetic of Lucene's cosine, which computes both lengths each time
        // (in a profile of the hybrid search, two thirds of this loop were VectorUtil.cosine).
        float[] unit = unit(target);
        // The k best so far, the worst on top; among equal scores the later document goes first.
        PriorityQueue<ScoreDoc> best = new PriorityQueue<>(k + 1, (a, b) -> a.score != b.score
                ? Float.compare(a.score, b.score) : Integer.compare(b.doc, a.doc));
        for (LeafReaderContext leaf : leaves) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(ArticleFields.VECTOR);
            if (values == null) {
                continue;
            }
            DocIdSetIterator docs = values;
            if (allowed != null) {
                Scorer passing = allowed.scorer(leaf);
                if (passing == null) {
                    continue;
                }
                docs = ConjunctionUtils.intersectIterators(List.of(values, passing.iterator()));
            }
            Bits live = leaf.reader().getLiveDocs();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                // Scored as Lucene scores a cosine c: (1 + c) / 2.
                float score = Math.max((1f + VectorUtil.dotProduct(unit, values.vectorValue())) / 2f, 0f);
                if (best.size() < k || score > best.peek().score) {
                    best.add(new ScoreDoc(leaf.docBase + doc, score));
                    if (best.size() > k) {
                        best.poll();
                    }
                }
            }
        }
        ScoreDoc[] hits = new ScoreDoc[best.size()];
        for (int i = hits.length - 1; i >= 0; i--) {
            hits[i] = best.poll();
        }
        return new TopDocs(new TotalHits(hits.length, TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO), hits);
    }

    /** The vector scaled to length 1 (a copy). */
    static float[] unit(float[] vector) {
        double squares = 0;
        for (float v : vector) {
            squares += (double) v * v;
        }
        float[] unit = vector.clone();
        if (squares > 0) {
            float scale = (float) (1 / Math.sqrt(squares));
            for (int i = 0; i < unit.length; i++) {
                unit[i] *= scale;
            }
        }
        return unit;
    }

    /**
     * The value of a one-valued keyword field of each hit, in the hits' order, read from the field's doc values in
     * document order. Not from the stored fields: each of those reads decompresses a block of documents, and with
     * the 100 lexical hits and 200 nearest passages of every search that was a quarter of its time.
     */
    static String[] keywords(IndexReader reader, ScoreDoc[] hits, String field) throws IOException {
        String[] values = new String[hits.length];
        Integer[] order = new Integer[hits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = reader.leaves();
        int leaf = -1;
        SortedSetDocValues docValues = null;
        for (int i : order) {
            int doc = hits[i].doc;
            int at = org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves);
            if (at != leaf) {
                leaf = at;
                docValues = DocValues.getSortedSet(leaves.get(at).reader(), field);
            }
            int local = doc - leaves.get(at).docBase;
            if (docValues.advanceExact(local)) {
                values[i] = docValues.lookupOrd(docValues.nextOrd()).utf8ToString();
            }
        }
        return values;
    }

    /** The slugs of every article the query matches (a filter: no scores). */
    private static List<BytesRef> slugsMatching(IndexSearcher searcher, Query query) throws IOException {
        Set<BytesRef> slugs = new HashSet<>();
        searcher.search(query, new SimpleCollector() {
            private SortedSetDocValues values;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                values = DocValues.getSortedSet(context.reader(), ArticleFields.SLUG);
            }

            @Override
            public void collect(int doc) throws IOException {
                if (values.advanceExact(doc)) {
                    slugs.add(BytesRef.deepCopyOf(values.lookupOrd(values.nextOrd())));
                }
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        return new ArrayList<>(slugs);
    }

    /**
     * The page's hits. An article found by meaning shows its nearest passage, with the query's words marked where
     * they occur in it; an article found by its words alone shows the lexical snippet.
     */
    private List<SearchHit> hits(IndexSearcher searcher, Query lexicalQuery, List<Fusion.Ranked> page,
                                 Map<String, Integer> articleDocs, Map<String, Nearest> nearest) throws IOException {
        List<Integer> lexicalOnly = new ArrayList<>();
        List<Integer> withPassage = new ArrayList<>();
        int[] docs = new int[page.size()];
        for (int i = 0; i < page.size(); i++) {
            String slug = page.get(i).slug();
            Integer doc = articleDocs.get(slug);
            if (doc == null) {
                TopDocs article = searcher.search(new TermQuery(new Term(ArticleFields.SLUG, slug)), 1);
                doc = article.scoreDocs.length == 0 ? -1 : article.scoreDocs[0].doc;
            }
            docs[i] = doc;
            (nearest.containsKey(slug) ? withPassage : lexicalOnly).add(i);
        }
        Map<Integer, Snippets.Snippet> snippetOf = new HashMap<>();
        if (!lexicalOnly.isEmpty()) {
            int[] articleDocIds = lexicalOnly.stream().mapToInt(i -> docs[i]).toArray();
            List<Snippets.Snippet> lexicalSnippets = snippets.of(searcher, lexicalQuery, articleDocIds);
            for (int j = 0; j < lexicalOnly.size(); j++) {
                snippetOf.put(lexicalOnly.get(j), lexicalSnippets.get(j));
            }
        }
        if (!withPassage.isEmpty()) {
            int[] passageDocs = withPassage.stream().mapToInt(i -> nearest.get(page.get(i).slug()).passageDoc()).toArray();
            List<String> passages = snippets.ofPassages(searcher, lexicalQuery, passageDocs);
            for (int j = 0; j < withPassage.size(); j++) {
                snippetOf.put(withPassage.get(j), new Snippets.Snippet(passages.get(j), false));
            }
        }
        List<SearchHit> hits = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            if (docs[i] < 0) {
                continue; // deleted between the two searches of this page: cannot happen with one reader
            }
            Document stored = searcher.storedFields().document(docs[i], ArticleFields.LISTED);
            Snippets.Snippet snippet = snippetOf.get(i);
            hits.add(new SearchHit(stored.get(ArticleFields.SLUG), stored.get(ArticleFields.TITLE), snippet.html(),
                    page.get(i).score(), ArticleFields.tagNames(stored), ArticleFields.published(stored),
                    snippet.inDiscussion()));
        }
        return hits;
    }
}
