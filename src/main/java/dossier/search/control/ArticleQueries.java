package dossier.search.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dossier.article.entity.Tag;
import dossier.search.control.SearchSyntax.Kind;
import dossier.search.control.SearchSyntax.Part;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.index.Term;
import org.apache.lucene.sandbox.search.CombinedFieldQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns parsed search text into Lucene queries. Every word is looked for in the article's own text (title,
 * headings, summary and body, scored together as one field: BM25F), in its discussion and in its tags at once,
 * with the weights below, and those scores add up. The strict form needs every word; the relaxed form, used when
 * the strict one finds nothing, needs any one of them and scores each term on its own, which is plain BM25F.
 *
 * <p>Cost is bounded by counting the terms a query will visit: Lucene refuses queries of more than 1,024 clauses,
 * and a pasted page of text must degrade to a shorter query, not fail.
 */
final class ArticleQueries {

    /** Prefixes are expanded to the most frequent terms only. */
    static final int PREFIX_TERMS = 50;
    /** Well under IndexSearcher's limit of 1,024 clauses, which would throw. */
    private static final int MAX_TERMS = 800;
    private static final int MAX_TOKENS_PER_PART = 16;

    /**
     * A strict and a relaxed query for the same text; {@code relaxed} is null when it would be the same.
     * {@code constraints} is what an article must satisfy whatever its words: the filters ({@code tag:},
     * {@code author:}), the exclusions, the phrases and prefixes; null when there are none. Semantic search ranks
     * by meaning instead of words, but within these. {@code meaning} is the text whose meaning is looked for: the
     * words and phrases that are not excluded.
     */
    record Plan(Query strict, Query relaxed, boolean scored, Query constraints, String meaning) {
    }

    private record Token(String term, int position) {
    }

    /**
     * The article's own fields all weigh the same as its body: a word counts as often as it is written, in the
     * title as much as in the body. On the SciFact train split, weighting the title 1.5, 2 or 3 times gained
     * 0.004 nDCG@10 at most, no more than BM25's parameters move it, so it stays 1. At least 1, which
     * {@link CombinedFieldQuery} requires.
     */
    static final float FIELD_WEIGHT = 1f;
    /** Readers' words count, but less than the article's own: an article about X beats a comment mentioning X. */
    static final float DISCUSSION_WEIGHT = 0.5f;
    /** Every article, and no passage (passages are documents of the same index: see {@link ArticleFields#PASSAGE_OF}). */
    static final Query ARTICLES = new FieldExistsQuery(ArticleFields.SLUG);
    private final Analyzer stemmed = EnglishCjkAnalyzer.stemmed();
    private final Analyzer exact = EnglishCjkAnalyzer.exact();
    /** The fields scored together as one (BM25F): the article's own text. */
    private static final Set<String> OWN_TEXT = Set.of(ArticleFields.TITLE, ArticleFields.HEADINGS,
            ArticleFields.SUMMARY, ArticleFields.BODY);
    private final Map<String, Float> wordFields;
    private final Map<String, Float> phraseFields;

    ArticleQueries() {
        wordFields = new LinkedHashMap<>();
        wordFields.put(ArticleFields.TITLE, FIELD_WEIGHT);
        wordFields.put(ArticleFields.HEADINGS, FIELD_WEIGHT);
        wordFields.put(ArticleFields.SUMMARY, FIELD_WEIGHT);
        wordFields.put(ArticleFields.BODY, FIELD_WEIGHT);
        wordFields.put(ArticleFields.DISCUSSION, DISCUSSION_WEIGHT);
        phraseFields = new LinkedHashMap<>(wordFields);
        wordFields.put(ArticleFields.TAG_TEXT, FIELD_WEIGHT);
    }

    /** Null when the text holds nothing to search for and no filter: such a search finds nothing. */
    Plan plan(List<Part> parts, String tag) {
        Draft draft = new Draft();
        if (tag != null && !tag.isBlank()) {
            draft.filters.add(tagQuery(tag));
        }
        for (Part part : parts) {
            if (draft.budget <= 0) {
                break;
            }
            switch (part.kind()) {
                case TAG -> {
                    draft.filterOrExclude(part, tagQuery(part.value()));
                    draft.budget--;
                }
                case AUTHOR -> {
                    draft.filterOrExclude(part, authorQuery(part.value()));
                    draft.budget -= 1 + MAX_TOKENS_PER_PART;
                }
                case PREFIX -> prefix(draft, part);
                case WORD, PHRASE -> {
                    words(draft, part);
                    if (!part.negated()) {
                        draft.meaning.add(part.value());
                    }
                }
                default -> throw new IllegalStateException(part.kind().name());
            }
        }
        return draft.plan();
    }

    /** {@code deploym*}: required in the strict and the relaxed query alike, unless it excludes. */
    private void prefix(Draft draft, Part part) {
        List<Token> tokens = tokens(exact, ArticleFields.TEXT_EXACT, part.value());
        if (tokens.isEmpty()) {
            return;
        }
        Query prefix = prefixQuery(tokens);
        draft.budget -= PREFIX_TERMS + tokens.size();
        (part.negated() ? draft.exclusions : draft.strict).add(prefix);
        if (!part.negated()) {
            draft.relaxed.add(prefix);
            draft.required.add(prefix);
        }
    }

    /** A word or a phrase, across the fields: all its terms when strict; when relaxed, a word's terms one by one. */
    private void words(Draft draft, Part part) {
        List<Token> tokens = tokens(stemmed, ArticleFields.BODY, part.value());
        if (tokens.isEmpty()) {
            return;
        }
        boolean phrase = part.kind() == Kind.PHRASE;
        Map<String, Float> fields = phrase ? phraseFields : wordFields;
        draft.budget -= tokens.size() * fields.size();
        Query all = acrossFields(fields, tokens, true);
        if (part.negated()) {
            draft.exclusions.add(all);
        } else {
            draft.strict.add(all);
            draft.relaxed.add(phrase ? all : acrossFields(fields, tokens, false));
            if (phrase) {
                draft.required.add(all);
            }
            draft.relaxable |= tokens.size() > 1 && !phrase;
        }
    }

    /** A plan as its parts are read, with the terms it may still visit ({@code budget}). */
    private static final class Draft {
        int budget = MAX_TERMS;
        final List<Query> strict = new ArrayList<>();
        final List<Query> relaxed = new ArrayList<>();
        final List<Query> filters = new ArrayList<>();
        final List<Query> exclusions = new ArrayList<>();
        /** Phrases and prefixes: required by the relaxed query too, and by semantic hits. */
        final List<Query> required = new ArrayList<>();
        final List<String> meaning = new ArrayList<>();
        boolean relaxable;

        void filterOrExclude(Part part, Query query) {
            (part.negated() ? exclusions : filters).add(query);
        }

        Plan plan() {
            relaxable |= strict.size() > 1;
            if (strict.isEmpty() && filters.isEmpty() && exclusions.isEmpty()) {
                return null;
            }
            Query strictQuery = combine(strict, Occur.MUST, filters, exclusions);
            Query relaxedQuery = relaxable ? combine(List.of(any(relaxed)), Occur.MUST, filters, exclusions) : null;
            Query constraints = required.isEmpty() && filters.isEmpty() && exclusions.isEmpty() ? null
                    : combine(required, Occur.FILTER, filters, exclusions);
            return new Plan(strictQuery, relaxedQuery, !strict.isEmpty(), constraints, String.join(" ", meaning));
        }
    }

    private static Query combine(List<Query> positives, Occur occur, List<Query> filters, List<Query> exclusions) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        positives.forEach(q -> query.add(q, occur));
        filters.forEach(q -> query.add(q, Occur.FILTER));
        exclusions.forEach(q -> query.add(q, Occur.MUST_NOT));
        if (positives.isEmpty() && filters.isEmpty()) {
            query.add(ARTICLES, Occur.MUST); // exclusions alone match nothing in Lucene
        }
        return query.build();
    }

    private static Query any(List<Query> queries) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        queries.forEach(q -> any.add(q, Occur.SHOULD));
        return any.build();
    }

    /**
     * A word across the fields. Its terms are each scored over the article's own text as if title, headings,
     * summary and body were one field (BM25F, Lucene's {@link CombinedFieldQuery}), and over the discussion and
     * tags beside that. Adding up a BM25 score per field instead saturates each field on its own: a word in the
     * title and again in the body counted nearly twice, so an article repeating one word of a question beat one
     * holding more of its words (on the SciFact train split, 0.675 nDCG@10 against 0.695 with BM25F). A word that
     * analyses into several terms ("e-mail", a run of CJK bigrams) is a phrase per field when {@code together}.
     */
    private static Query acrossFields(Map<String, Float> fields, List<Token> tokens, boolean together) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        if (together && tokens.size() > 1) {
            for (Map.Entry<String, Float> field : fields.entrySet()) {
                any.add(boost(inField(field.getKey(), tokens), field.getValue()), Occur.SHOULD);
            }
            return any.build();
        }
        for (Token token : tokens) {
            CombinedFieldQuery.Builder own = new CombinedFieldQuery.Builder().addTerm(new BytesRef(token.term()));
            for (Map.Entry<String, Float> field : fields.entrySet()) {
                if (OWN_TEXT.contains(field.getKey())) {
                    own.addField(field.getKey(), field.getValue());
                } else {
                    any.add(boost(new TermQuery(new Term(field.getKey(), token.term())), field.getValue()),
                            Occur.SHOULD);
                }
            }
            any.add(own.build(), Occur.SHOULD);
        }
        return any.build();
    }

    private static Query inField(String field, List<Token> tokens) {
        if (tokens.size() == 1) {
            return new TermQuery(new Term(field, tokens.get(0).term()));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        int first = tokens.get(0).position();
        for (Token token : tokens) {
            phrase.add(new Term(field, token.term()), token.position() - first);
        }
        return phrase.build();
    }

    private static Query boost(Query query, float boost) {
        return boost == 1f ? query : new BoostQuery(query, boost);
    }

    /** Unstemmed, so {@code deploym*} finds "deployment" although the stem is "deploy". */
    private static Query prefixQuery(List<Token> tokens) {
        Token last = tokens.get(tokens.size() - 1);
        Query prefix = new PrefixQuery(new Term(ArticleFields.TEXT_EXACT, last.term()),
                new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(PREFIX_TERMS));
        if (tokens.size() == 1) {
            return prefix;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (Token token : tokens.subList(0, tokens.size() - 1)) {
            all.add(new TermQuery(new Term(ArticleFields.TEXT_EXACT, token.term())), Occur.MUST);
        }
        all.add(prefix, Occur.MUST);
        return all.build();
    }

    static Query tagQuery(String tag) {
        return KeywordField.newExactQuery(ArticleFields.TAGS, Tag.normalize(tag));
    }

    /** {@code author:ada} finds "Ada Lovelace"; {@code author:"ada lovelace"} the whole name. */
    private Query authorQuery(String author) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        any.add(KeywordField.newExactQuery(ArticleFields.AUTHOR, author.strip().toLowerCase(Locale.ROOT)),
                Occur.SHOULD);
        List<Token> tokens = tokens(exact, ArticleFields.AUTHOR_TEXT, author);
        if (!tokens.isEmpty()) {
            any.add(inField(ArticleFields.AUTHOR_TEXT, tokens), Occur.SHOULD);
        }
        return any.build();
    }

    /** Title completion: every typed word must start a word of the title; titles that start so come first. */
    Query completion(String prefix) {
        List<Token> tokens = tokens(exact, ArticleFields.TITLE_WORDS, prefix);
        if (tokens.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (Token token : tokens) {
            query.add(new PrefixQuery(new Term(ArticleFields.TITLE_WORDS, token.term())), Occur.MUST);
        }
        query.add(new BoostQuery(new PrefixQuery(new Term(ArticleFields.TITLE_KEY, ArticleFields.titleKey(prefix))),
                2f), Occur.SHOULD);
        return query.build();
    }

    List<String> exactTerms(String text) {
        return tokens(exact, ArticleFields.TEXT_EXACT, text).stream().map(Token::term).toList();
    }

    private static List<Token> tokens(Analyzer analyzer, String field, String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken() && tokens.size() < MAX_TOKENS_PER_PART) {
                position += increment.getPositionIncrement();
                tokens.add(new Token(term.toString(), position));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Analysing a string cannot fail", e);
        }
        return tokens;
    }
}
