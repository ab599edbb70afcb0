package dossier.search.control;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dossier.article.entity.Tag;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;

/**
 * The index layout: which fields an article becomes and why each has the type it has. Changing anything here
 * changes what is on disk, so it comes with a new {@link ArticleIndex#LAYOUT_VERSION}.
 */
final class ArticleFields {

    /** The id: exact, for upserts and deletes by term; stored, to link to the article. */
    static final String SLUG = "slug";
    /** The slugs and extra addresses of the articles an article links to, for "referenced by". */
    static final String LINKS = "links";
    /** Ranked (stemmed) and stored, since result lists show it. */
    static final String TITLE = "title";
    /** The title's words as written, for completion while typing. */
    static final String TITLE_WORDS = "title_words";
    /** The whole title lower-cased as one term, so completions that start the title rank first. */
    static final String TITLE_KEY = "title_key";
    static final String HEADINGS = "headings";
    static final String SUMMARY = "summary";
    static final String BODY = "body";
    /** The visible comments under the article, one field: a match there is "found in the discussion". */
    static final String DISCUSSION = "discussion";
    /**
     * The opening {@link #HEAD_CHARS} characters of body and discussion, stored with offsets for the highlighter.
     * The full texts are indexed without being stored: loading a 170 KB body for every hit on a results page
     * was most of the cost of a search, and passages are looked for in the opening part only.
     */
    static final String BODY_HEAD = "body_head";
    static final String DISCUSSION_HEAD = "discussion_head";
    static final int HEAD_CHARS = 4_000;
    /** Every word as written (lower-cased, not stemmed) of title, headings, summary and body: prefixes, spelling. */
    static final String TEXT_EXACT = "text_exact";
    /** Normalised tag names: filter term plus doc values, which the facet counts read. */
    static final String TAGS = "tags";
    /** Tag names as given, for display. */
    static final String TAG_NAMES = "tag_names";
    /** Tag names as words, so a search for "sovereignty" finds the tag "data-sovereignty". */
    static final String TAG_TEXT = "tag_text";
    /** The whole name lower-cased, for {@code author:"Ada Lovelace"}. */
    static final String AUTHOR = "author";
    /** The name's words, for {@code author:ada}. */
    static final String AUTHOR_TEXT = "author_text";
    /** Epoch milliseconds: points for ranges, doc values for sorting by date, stored for display. */
    static final String PUBLISHED = "published";

    /**
     * A passage of an article, a document of its own beside the article's (semantic search only): the article's
     * slug, exact and stored, to join a passage to its article, and to delete an article's passages with it.
     * Article documents never have this field, passages never have {@link #SLUG}.
     */
    static final String PASSAGE_OF = "passage_of";
    /** slug#ordinal: exact, for replacing one passage's document when its vector arrives. */
    static final String PASSAGE_ID = "passage_id";
    /** SHA-256 of the text, stored: the key of the vector in {@link PassageVectors}. */
    static final String PASSAGE_HASH = "passage_hash";
    /** The passage as embedded, stored with offsets: a semantic hit shows it, highlighted. */
    static final String PASSAGE_TEXT = "passage_text";
    /** The passage's embedding: HNSW graph, cosine. Missing until the embedding worker has computed it. */
    static final String VECTOR = "vector";

    /** The stored fields a result list shows. */
    static final Set<String> LISTED = Set.of(SLUG, TITLE, TAG_NAMES, PUBLISHED);
    /** Newest first; articles without a date last, and among equals the best match first. */
    static final Sort NEWEST_FIRST = newestFirst();

    /**
     * Body and summary are stored because the highlighter needs their text, and their postings carry offsets
     * so the UnifiedHighlighter finds matches without analysing the text again per hit. Offsets make the index
     * somewhat bigger; re-analysing every body on every results page would cost more CPU than that costs disk.
     */
    static final FieldType HIGHLIGHTED = new FieldType(TextField.TYPE_STORED);
    /** Only which documents hold a term, and how often: no positions, no norms, never stored. */
    static final FieldType EXACT_WORDS = new FieldType();

    static {
        HIGHLIGHTED.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        HIGHLIGHTED.freeze();
        EXACT_WORDS.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        EXACT_WORDS.setTokenized(true);
        EXACT_WORDS.setOmitNorms(true);
        EXACT_WORDS.freeze();
    }

    /** Completion looks at the first 200 characters of a title, more than any title needs. */
    private static final int MAX_KEY_LENGTH = 200;

    private ArticleFields() {
    }

    /** The opening of a text, cut at a space so that no word is halved. */
    static String head(String text) {
        if (text.length() <= HEAD_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', HEAD_CHARS);
        return text.substring(0, cut > HEAD_CHARS / 2 ? cut : HEAD_CHARS);
    }

    static Analyzer analyzer() {
        Analyzer exact = EnglishCjkAnalyzer.exact();
        return new PerFieldAnalyzerWrapper(EnglishCjkAnalyzer.stemmed(),
                Map.of(TEXT_EXACT, exact, TITLE_WORDS, exact, AUTHOR_TEXT, exact));
    }

    static Document document(IndexedArticle article) {
        Document doc = new Document();
        doc.add(new KeywordField(SLUG, article.slug(), Field.Store.YES));
        addTexts(doc, article);
        for (String target : new LinkedHashSet<>(article.links())) {
            doc.add(new StringField(LINKS, target, Field.Store.NO));
        }
        addExactWords(doc, article);
        addTags(doc, article.tags());
        if (!article.author().isBlank()) {
            doc.add(new KeywordField(AUTHOR, article.author().strip().toLowerCase(Locale.ROOT), Field.Store.NO));
            doc.add(new TextField(AUTHOR_TEXT, article.author(), Field.Store.NO));
        }
        if (article.published() != null) {
            doc.add(new LongField(PUBLISHED, article.published().toEpochMilli(), Field.Store.YES));
        }
        return doc;
    }

    /** Title, headings, summary, body and discussion, ranked; the openings kept for the highlighter. */
    private static void addTexts(Document doc, IndexedArticle article) {
        doc.add(new TextField(TITLE, article.title(), Field.Store.YES));
        doc.add(new TextField(TITLE_WORDS, article.title(), Field.Store.NO));
        doc.add(new StringField(TITLE_KEY, titleKey(article.title()), Field.Store.NO));
        for (String heading : article.headings()) {
            doc.add(new TextField(HEADINGS, heading, Field.Store.NO));
        }
        if (!repeatsBody(article.summary(), article.body())) {
            doc.add(new Field(SUMMARY, article.summary(), HIGHLIGHTED));
        }
        doc.add(new TextField(BODY, article.body(), Field.Store.NO));
        doc.add(new Field(BODY_HEAD, head(article.body()), HIGHLIGHTED));
        if (!article.discussion().isEmpty()) {
            doc.add(new TextField(DISCUSSION, article.discussion(), Field.Store.NO));
            doc.add(new Field(DISCUSSION_HEAD, head(article.discussion()), HIGHLIGHTED));
        }
    }

    private static void addExactWords(Document doc, IndexedArticle article) {
        doc.add(new Field(TEXT_EXACT, article.title(), EXACT_WORDS));
        for (String heading : article.headings()) {
            doc.add(new Field(TEXT_EXACT, heading, EXACT_WORDS));
        }
        if (!repeatsBody(article.summary(), article.body())) {
            doc.add(new Field(TEXT_EXACT, article.summary(), EXACT_WORDS));
        }
        doc.add(new Field(TEXT_EXACT, article.body(), EXACT_WORDS));
    }

    /**
     * Whether the summary is only the opening of the body, as the summary made for an article that declares none
     * is (its first 280 characters or so, cut at a space, with an ellipsis). Such a summary is not indexed: it
     * has no words of its own, and as a field of its own it would count every word of the opening twice, so
     * that an article's first lines outweighed the rest of it (on BEIR SciFact, nDCG@10 0.642 instead of 0.665).
     * Its snippet, the body's opening, shows the same text.
     */
    static boolean repeatsBody(String summary, String body) {
        String opening = summary.strip();
        if (opening.endsWith("\u2026")) {
            opening = opening.substring(0, opening.length() - 1).stripTrailing();
        }
        return !opening.isEmpty() && body.stripLeading().startsWith(opening);
    }

    /** Each tag once by its normalised name: as a filter and facet, for display, and as words. */
    private static void addTags(Document doc, List<String> tags) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String tag : tags) {
            String name = Tag.normalize(tag);
            if (!name.isEmpty() && normalized.add(name)) {
                doc.add(new KeywordField(TAGS, name, Field.Store.NO));
                doc.add(new StoredField(TAG_NAMES, tag));
                doc.add(new TextField(TAG_TEXT, tag, Field.Store.NO));
            }
        }
    }

    private static Sort newestFirst() {
        SortField published = LongField.newSortField(PUBLISHED, true, SortedNumericSelector.Type.MAX);
        published.setMissingValue(Long.MIN_VALUE);
        return new Sort(published, SortField.FIELD_SCORE);
    }

    static Document passage(String slug, Passages.Passage passage, float[] vector) {
        Document doc = new Document();
        doc.add(new KeywordField(PASSAGE_OF, slug, Field.Store.YES));
        doc.add(new StringField(PASSAGE_ID, passageId(slug, passage.ordinal()), Field.Store.YES));
        doc.add(new StoredField(PASSAGE_HASH, passage.hash()));
        doc.add(new Field(PASSAGE_TEXT, passage.text(), HIGHLIGHTED));
        if (vector != null) {
            doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
        }
        return doc;
    }

    static String passageId(String slug, int ordinal) {
        return slug + "#" + ordinal;
    }

    static String titleKey(String text) {
        String key = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
    }

    static List<String> tagNames(Document stored) {
        return List.of(stored.getValues(TAG_NAMES));
    }

    static Instant published(Document stored) {
        var field = stored.getField(PUBLISHED);
        return field == null ? null : Instant.ofEpochMilli(field.numericValue().longValue());
    }
}
