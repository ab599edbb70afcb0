package dossier.search.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * The passage a result shows: from the opening of the body where a word of the query matched there, else from the
 * summary, else from the discussion when only the readers' comments matched. The highlighter re-uses the postings'
 * offsets (see {@link ArticleFields#HIGHLIGHTED}); passages come from the stored opening of a text
 * ({@link ArticleFields#BODY_HEAD}).
 */
final class Snippets {

    /** A result's passage, HTML with the matched words marked; {@code inDiscussion}: it comes from the comments. */
    record Snippet(String html, boolean inDiscussion) {
    }

    private static final int SNIPPET_CHARS = 240;
    private static final int SNIPPET_SOURCE_CHARS = ArticleFields.HEAD_CHARS;
    /** Terms of these fields count for the passages too: a title word or an unstemmed prefix is marked where it occurs. */
    private static final Set<String> TERM_FIELDS = Set.of(ArticleFields.TITLE, ArticleFields.HEADINGS,
            ArticleFields.SUMMARY, ArticleFields.BODY, ArticleFields.BODY_HEAD, ArticleFields.DISCUSSION,
            ArticleFields.DISCUSSION_HEAD, ArticleFields.TEXT_EXACT, ArticleFields.PASSAGE_TEXT);

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

    private final Analyzer analyzer;
    private volatile Highlighter highlighter;

    Snippets(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * The snippet of each of these documents for the query, in their order. The discussion is highlighted only for
     * the documents whose own text shows none of the query's words: only those show it.
     */
    List<Snippet> of(IndexSearcher searcher, Query query, int[] docs) throws IOException {
        UnifiedHighlighter highlighter = highlighter(searcher);
        Map<String, String[]> passages = highlighter.highlightFields(
                new String[] {ArticleFields.BODY_HEAD, ArticleFields.SUMMARY}, query, docs, new int[] {2, 1});
        String[] bodies = passages.get(ArticleFields.BODY_HEAD);
        String[] summaries = passages.get(ArticleFields.SUMMARY);
        List<Integer> unmarked = new ArrayList<>();
        for (int i = 0; i < docs.length; i++) {
            if (!marked(bodies[i]) && !marked(summaries[i])) {
                unmarked.add(i);
            }
        }
        String[] discussions = new String[docs.length];
        if (!unmarked.isEmpty()) {
            String[] found = highlighter.highlightFields(new String[] {ArticleFields.DISCUSSION_HEAD}, query,
                    unmarked.stream().mapToInt(i -> docs[i]).toArray(), new int[] {1}).get(ArticleFields.DISCUSSION_HEAD);
            for (int j = 0; j < found.length; j++) {
                discussions[unmarked.get(j)] = found[j];
            }
        }
        List<Snippet> snippets = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            boolean inDiscussion = marked(discussions[i]);
            snippets.add(new Snippet(inDiscussion ? discussions[i] : articleSnippet(bodies[i], summaries[i]),
                    inDiscussion));
        }
        return snippets;
    }

    /**
     * The passages of these passage documents (a semantic search's nearest ones), the query's words marked where
     * they occur; a passage found by meaning alone may have none marked, and shows its start.
     */
    List<String> ofPassages(IndexSearcher searcher, Query query, int[] passageDocs) throws IOException {
        String[] passages = highlighter(searcher).highlightFields(new String[] {ArticleFields.PASSAGE_TEXT}, query,
                passageDocs, new int[] {2}).get(ArticleFields.PASSAGE_TEXT);
        List<String> html = new ArrayList<>(passageDocs.length);
        for (String passage : passages) {
            html.add(passage == null ? "" : passage);
        }
        return html;
    }

    /**
     * A highlighter for this searcher's reader, made once per reader (it reads the index's field list when made)
     * and shared by the searches on it: a UnifiedHighlighter is safe to share between threads.
     */
    private UnifiedHighlighter highlighter(IndexSearcher searcher) {
        Highlighter current = highlighter;
        if (current == null || current.reader() != searcher.getIndexReader()) {
            current = new Highlighter(searcher.getIndexReader(), newHighlighter(searcher));
            highlighter = current;
        }
        return current.highlighter();
    }

    private record Highlighter(IndexReader reader, UnifiedHighlighter highlighter) {
    }

    /**
     * Every highlighted field is indexed with its offsets ({@link ArticleFields#HIGHLIGHTED}), so offsets come from
     * the postings, also for a field no document of the index has yet (the discussion of a site without
     * comments): left to itself the highlighter re-analyses the text of such a field in a memory index, with an
     * automaton of all the query's terms, for every search.
     */
    private UnifiedHighlighter newHighlighter(IndexSearcher searcher) {
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new SnippetFormatter(SNIPPET_CHARS))
                // Passages end at spaces, found by a plain scan: the JDK's sentence iterator, asked for the bounds
                // around every match, was most of a search's time on long documents.
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        new CustomSeparatorBreakIterator(' '), SNIPPET_CHARS / 2, 0.5f))
                .withMaxLength(SNIPPET_SOURCE_CHARS)
                .withWeightMatches(false)
                .withFieldMatcher(TERM_FIELDS::contains)
                .withScorer(PASSAGES);
        return new UnifiedHighlighter(builder) {
            @Override
            protected OffsetSource getOffsetSource(String field) {
                return OffsetSource.POSTINGS;
            }
        };
    }

    private static boolean marked(String snippet) {
        return snippet != null && snippet.contains(SnippetFormatter.MARK);
    }

    /** The body's best passages when a word matched there, else the summary's, else the start of either. */
    private static String articleSnippet(String body, String summary) {
        if (body != null && body.contains(SnippetFormatter.MARK)) {
            return body;
        }
        if (summary != null && (summary.contains(SnippetFormatter.MARK) || !summary.isBlank())) {
            return summary;
        }
        return body == null ? "" : body;
    }
}
