package dossier.search.control;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Short lists of articles by title, without snippets: completions of what a reader is typing, the articles
 * related to one, and the articles that link to one.
 */
final class TitleLists {

    private static final int MAX_TITLES = 50;
    private static final int RELATED_SOURCE_CHARS = 20_000;
    private static final int RELATED_MIN_SHARED = 3;

    private final SearcherManager searchers;
    private final Analyzer analyzer;
    private final ArticleQueries queries;

    TitleLists(SearcherManager searchers, Analyzer analyzer, ArticleQueries queries) {
        this.searchers = searchers;
        this.analyzer = analyzer;
        this.queries = queries;
    }

    /** Titles that complete what a reader is typing: each typed word starts a word of the title. */
    List<SearchHit> completing(String prefix, int limit) throws IOException {
        if (prefix == null || prefix.isBlank() || limit <= 0) {
            return List.of();
        }
        Query completion = queries.completion(prefix.length() > SearchSyntax.MAX_CHARS
                ? prefix.substring(0, SearchSyntax.MAX_CHARS) : prefix);
        if (completion == null) {
            return List.of();
        }
        Sort bestThenNewest = new Sort(SortField.FIELD_SCORE, ArticleFields.NEWEST_FIRST.getSort()[0]);
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(completion, Math.min(limit, MAX_TITLES), bestThenNewest, true);
            return titlesOf(searcher, top);
        } finally {
            searchers.release(searcher);
        }
    }

    /** How related articles are found: by shared telling words, by the meaning of their passages, or both fused. */
    enum Related { WORDS, MEANING, BOTH }

    /** Candidates read from each ranking before fusing: far more than a page lists (3). */
    private static final int RELATED_DEPTH = 20;

    /**
     * Articles about the same things as this text (Lucene's MoreLikeThis over the body field: the text's most
     * telling words by tf-idf), the article itself excluded. Only the opening of a long text is read. With
     * {@code by} MEANING or BOTH and vectors for the article's passages, the articles whose passages are nearest
     * to the mean of its own (no model needed: the vectors are in the index), alone or fused with the words'
     * ranking ({@link Fusion}); nearer than {@code minSimilarity} only. Without vectors yet, by words.
     */
    List<SearchHit> related(String slug, String text, int limit, Related by, float minSimilarity) throws IOException {
        if (text == null || text.isBlank() || limit <= 0) {
            return List.of();
        }
        int wanted = Math.min(limit, MAX_TITLES);
        IndexSearcher searcher = searchers.acquire();
        try {
            List<String> meaning = by == Related.WORDS ? List.of()
                    : nearestArticles(searcher, slug, Math.max(wanted, RELATED_DEPTH), minSimilarity);
            if (meaning.isEmpty()) {
                return titlesOf(searcher, searcher.search(alikeButNot(searcher, slug, text), wanted));
            }
            // By meaning alone the text is not read at all: its telling words cost an analysis of up to 20,000
            // characters on every page that lists related articles.
            List<String> words = by == Related.MEANING ? List.of() : slugsOf(searcher,
                    searcher.search(alikeButNot(searcher, slug, text), Math.max(wanted, RELATED_DEPTH)));
            List<Fusion.Ranked> fused = Fusion.fuse(words, meaning);
            return titlesOf(searcher, fused.subList(0, Math.min(wanted, fused.size())));
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * The articles with the passages nearest to the mean of this article's passage vectors, best first: the
     * article's own passages left out. Empty when the article has no vector yet.
     */
    private static List<String> nearestArticles(IndexSearcher searcher, String slug, int depth, float minSimilarity)
            throws IOException {
        float[] centre = centre(searcher, slug);
        if (centre == null) {
            return List.of();
        }
        Query others = new BooleanQuery.Builder()
                .add(new FieldExistsQuery(ArticleFields.PASSAGE_OF), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(ArticleFields.PASSAGE_OF, slug)), BooleanClause.Occur.MUST_NOT)
                .build();
        int passages = 3 * depth;
        TopDocs near = SemanticRanking.nearestPassages(searcher, centre, passages, others);
        String[] articles = SemanticRanking.keywords(searcher.getIndexReader(), near.scoreDocs, ArticleFields.PASSAGE_OF);
        float minScore = (1f + minSimilarity) / 2f; // Lucene scores a cosine c as (1 + c) / 2
        Set<String> nearest = new LinkedHashSet<>();
        for (int i = 0; i < articles.length && nearest.size() < depth; i++) {
            if (near.scoreDocs[i].score < minScore) {
                break;
            }
            if (articles[i] != null) {
                nearest.add(articles[i]);
            }
        }
        return List.copyOf(nearest);
    }

    /** The mean of the article's passage vectors, or null when none has its vector yet. */
    private static float[] centre(IndexSearcher searcher, String slug) throws IOException {
        TopDocs own = searcher.search(new TermQuery(new Term(ArticleFields.PASSAGE_OF, slug)), Passages.MAX_PASSAGES);
        int[] docs = java.util.Arrays.stream(own.scoreDocs).mapToInt(d -> d.doc).sorted().toArray();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        float[] sum = null;
        for (int doc : docs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            FloatVectorValues values = leaf.reader().getFloatVectorValues(ArticleFields.VECTOR);
            int local = doc - leaf.docBase;
            // A new iterator per passage: they are few, and an iterator only moves forward.
            if (values == null || values.advance(local) != local) {
                continue;
            }
            float[] vector = values.vectorValue();
            if (sum == null) {
                sum = new float[vector.length];
            }
            for (int i = 0; i < vector.length; i++) {
                sum[i] += vector[i];
            }
        }
        return sum;
    }

    private static List<String> slugsOf(IndexSearcher searcher, TopDocs top) throws IOException {
        return java.util.Arrays.asList(SemanticRanking.keywords(searcher.getIndexReader(), top.scoreDocs, ArticleFields.SLUG));
    }

    /** The listed fields of these articles, in this order. */
    private static List<SearchHit> titlesOf(IndexSearcher searcher, List<Fusion.Ranked> ranked) throws IOException {
        TopDocs docs = searcher.search(new TermInSetQuery(ArticleFields.SLUG,
                ranked.stream().map(r -> new BytesRef(r.slug())).toList()), ranked.size());
        String[] slugs = SemanticRanking.keywords(searcher.getIndexReader(), docs.scoreDocs, ArticleFields.SLUG);
        java.util.Map<String, Integer> docOf = new java.util.HashMap<>();
        for (int i = 0; i < slugs.length; i++) {
            docOf.put(slugs[i], docs.scoreDocs[i].doc);
        }
        List<ScoreDoc> inOrder = new ArrayList<>();
        for (Fusion.Ranked r : ranked) {
            Integer doc = docOf.get(r.slug());
            if (doc != null) {
                inOrder.add(new ScoreDoc(doc, r.score()));
            }
        }
        return titlesOf(searcher, new TopDocs(docs.totalHits, inOrder.toArray(ScoreDoc[]::new)));
    }

    /** Articles sharing the text's telling words, the article itself excluded. */
    private Query alikeButNot(IndexSearcher searcher, String slug, String text) throws IOException {
        return new BooleanQuery.Builder()
                .add(alike(searcher, text), BooleanClause.Occur.SHOULD)
                .add(new TermQuery(new Term(ArticleFields.SLUG, slug)), BooleanClause.Occur.MUST_NOT)
                .build();
    }

    /** The text's most telling words, of which a related article must share a few. */
    private Query alike(IndexSearcher searcher, String text) throws IOException {
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
        return like;
    }

    /**
     * The published articles that link to any of these addresses (an article's slug, its old slugs, its extra
     * path), newest first, without the article itself.
     */
    List<SearchHit> linkingTo(String slug, Collection<String> addresses, int limit) throws IOException {
        if (addresses.isEmpty() || limit <= 0) {
            return List.of();
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            Query query = new BooleanQuery.Builder()
                    .add(new TermInSetQuery(ArticleFields.LINKS, addresses.stream().map(BytesRef::new).toList()),
                            BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(ArticleFields.SLUG, slug)), BooleanClause.Occur.MUST_NOT)
                    .build();
            return titlesOf(searcher, searcher.search(query, Math.min(limit, MAX_TITLES), ArticleFields.NEWEST_FIRST));
        } finally {
            searchers.release(searcher);
        }
    }

    private static List<SearchHit> titlesOf(IndexSearcher searcher, TopDocs top) throws IOException {
        List<SearchHit> hits = new ArrayList<>();
        for (ScoreDoc scoreDoc : top.scoreDocs) {
            Document stored = searcher.storedFields().document(scoreDoc.doc, ArticleFields.LISTED);
            hits.add(new SearchHit(stored.get(ArticleFields.SLUG), stored.get(ArticleFields.TITLE), null,
                    scoreDoc.score, ArticleFields.tagNames(stored), ArticleFields.published(stored), false));
        }
        return hits;
    }
}
