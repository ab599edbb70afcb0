package dossier.search.control;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
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

    /**
     * Articles about the same things as this text (Lucene's MoreLikeThis over the body field: the text's most
     * telling words by tf-idf), the article itself excluded. Only the opening of a long text is read.
     */
    List<SearchHit> related(String slug, String text, int limit) throws IOException {
        if (text == null || text.isBlank() || limit <= 0) {
            return List.of();
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            Query query = new BooleanQuery.Builder()
                    .add(alike(searcher, text), BooleanClause.Occur.SHOULD)
                    .add(new TermQuery(new Term(ArticleFields.SLUG, slug)), BooleanClause.Occur.MUST_NOT)
                    .build();
            return titlesOf(searcher, searcher.search(query, Math.min(limit, MAX_TITLES)));
        } finally {
            searchers.release(searcher);
        }
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
