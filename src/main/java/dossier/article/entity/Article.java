package dossier.article.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.NamedAttributeNode;
import jakarta.persistence.NamedEntityGraph;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An analysis article. The Markdown is the source; the sanitized HTML and the outline are derived from it
 * when the text changes, so that a page view never renders Markdown.
 */
@Entity
@Table(name = "article")
@NamedQuery(name = Article.BY_SLUG, query = "select a from Article a where a.slug = :slug")
@NamedQuery(name = Article.BY_SLUGS, query = "select a from Article a where a.slug in :slugs")
@NamedQuery(name = Article.BY_ALIAS, query = "select a from Article a where a.aliasPath = :path")
@NamedQuery(name = Article.VISIBLE, query = "select a from Article a where " + Article.READABLE
        + " order by a.publishedAt desc, a.id desc")
@NamedQuery(name = Article.VISIBLE_COUNT, query = "select count(a) from Article a where " + Article.READABLE)
@NamedQuery(name = Article.VISIBLE_WITH_TAG, query = "select a from Article a join a.tags t where t.name = :tag and "
        + Article.READABLE + " order by a.publishedAt desc, a.id desc")
@NamedQuery(name = Article.VISIBLE_WITH_TAG_COUNT, query = "select count(a) from Article a join a.tags t where t.name = :tag and "
        + Article.READABLE)
@NamedQuery(name = Article.VISIBLE_IDS, query = "select a.slug, a.id from Article a where " + Article.READABLE)
@NamedQuery(name = Article.WENT_LIVE, query = "select a.id from Article a where " + Article.READABLE
        + " and a.publishedAt > :after")
@NamedQuery(name = Article.ALL, query = "select a from Article a order by a.publishedAt desc, a.id desc")
@NamedEntityGraph(name = Article.WITH_TEXTS, attributeNodes = {@NamedAttributeNode("markdown"), @NamedAttributeNode("html"),
        @NamedAttributeNode("outline"), @NamedAttributeNode("plainText")})
@NamedQuery(name = Article.SOURCES, query = "select a.slug, a.sourcePath, a.sourceHash, a.editedSinceImport from Article a")
public class Article {

    public static final String BY_SLUG = "Article.bySlug";
    public static final String BY_SLUGS = "Article.bySlugs";
    public static final String BY_ALIAS = "Article.byAlias";
    /**
     * The one rule of what readers may read, as JPQL over an article aliased {@code a} at the time {@code :now}:
     * published, and its time has come. {@link #isVisibleAt} says the same in Java.
     */
    public static final String READABLE = "a.status = dossier.article.entity.Status.PUBLISHED and a.publishedAt <= :now";
    public static final String VISIBLE = "Article.visible";
    public static final String VISIBLE_COUNT = "Article.visibleCount";
    public static final String VISIBLE_WITH_TAG = "Article.visibleWithTag";
    public static final String VISIBLE_WITH_TAG_COUNT = "Article.visibleWithTagCount";
    /** Slug and id of every article readers may read at {@code :now}. */
    public static final String VISIBLE_IDS = "Article.visibleIds";
    /** Ids of the articles that became readable in {@code (:after, :now]}: their scheduled time has just come. */
    public static final String WENT_LIVE = "Article.wentLive";
    /** Every article, drafts and withdrawn ones included, newest first. */
    public static final String ALL = "Article.all";
    public static final String SOURCES = "Article.sources";
    /**
     * The article with its lazily fetched texts, as a load graph ({@link #LOAD_GRAPH}) for an article about to be
     * changed: EclipseLink fetches a missing text by reloading the entity's missing attributes, which would
     * undo a title, slug or other change made before it.
     */
    public static final String WITH_TEXTS = "Article.withTexts";
    /** The query hint that names a load graph. */
    public static final String LOAD_GRAPH = "jakarta.persistence.loadgraph";

    /** The longest title, summary and author line kept: longer ones are cut (or, through the API, refused). */
    public static final int TITLE_LENGTH = 500;
    public static final int SUMMARY_LENGTH = 2000;
    public static final int AUTHOR_LENGTH = 1000;

    /** Words a reader gets through in a minute of attentive reading. */
    static final int WORDS_PER_MINUTE = 220;

    @Id
    @SequenceGenerator(name = "article_seq", sequenceName = "article_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "article_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = 200)
    private String slug;

    @Column(nullable = false, length = TITLE_LENGTH)
    private String title;

    @Column(length = SUMMARY_LENGTH)
    private String summary;

    @Column(length = AUTHOR_LENGTH)
    private String author;

    // The long texts load only when a page shows them (EclipseLink weaves lazy basics in the container):
    // lists, comment posts and visibility checks never pull an article's body out of the database.
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private String markdown;

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private String html;

    @Basic(fetch = FetchType.LAZY)
    private String outline;

    @Basic(fetch = FetchType.LAZY)
    @Column(name = "plain_text")
    private String plainText;

    @Column(name = "word_count", nullable = false)
    private int wordCount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(name = "alias_path", length = 300)
    private String aliasPath;

    @Column(name = "published_at", nullable = false)
    private Instant publishedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "source_path", length = 1000)
    private String sourcePath;

    @Column(name = "source_hash", length = 64)
    private String sourceHash;

    @ManyToMany
    @JoinTable(name = "article_tag",
            joinColumns = @JoinColumn(name = "article_id"),
            inverseJoinColumns = @JoinColumn(name = "tag_id"))
    @OrderBy("name")
    private Set<Tag> tags = new LinkedHashSet<>();

    @Column(name = "discussion_locked", nullable = false)
    private boolean discussionLocked;

    /** The number of a saved revision of a live article that is not live yet, or null. */
    @Column(name = "staged_revision")
    private Integer stagedRevision;

    /** Changed in the browser or through the API since its content file was last imported. */
    @Column(name = "edited_since_import", nullable = false)
    private boolean editedSinceImport;

    @Version
    private int version;

    protected Article() {
    }

    public Article(String slug, Instant now) {
        this.slug = Slugs.requireValid(slug);
        this.createdAt = Objects.requireNonNull(now);
        this.updatedAt = now;
        this.publishedAt = now;
        this.status = Status.DRAFT;
    }

    /** Replaces the text and everything derived from it. */
    public void write(String title, String markdown, Body body, Instant now) {
        this.title = requireText(title, "title");
        this.markdown = Objects.requireNonNull(markdown);
        this.html = body.html();
        this.outline = Outline.format(body.outline());
        this.plainText = body.plainText();
        this.wordCount = body.wordCount();
        this.updatedAt = now;
    }

    public void describe(String summary, String author) {
        this.summary = clip(summary, SUMMARY_LENGTH);
        this.author = clip(author, AUTHOR_LENGTH);
    }

    public void schedule(Status status, Instant publishedAt) {
        this.status = Objects.requireNonNull(status);
        this.publishedAt = Objects.requireNonNull(publishedAt);
    }

    /** When the text last changed as readers see it; an article first imported counts as revised when published. */
    public void revisedAt(Instant when) {
        this.updatedAt = Objects.requireNonNull(when);
    }

    public void aliasAt(String path) {
        this.aliasPath = path;
    }

    public void tagWith(Collection<Tag> tags) {
        this.tags.clear();
        this.tags.addAll(tags);
    }

    public void importedFrom(String sourcePath, String sourceHash) {
        this.sourcePath = sourcePath;
        this.sourceHash = sourceHash;
    }

    /** A new address; the caller keeps the old one as a redirect. */
    public void renameTo(String slug) {
        this.slug = Slugs.requireValid(slug);
    }

    public void unpublish() {
        this.status = Status.UNPUBLISHED;
        this.stagedRevision = null;
    }

    public void stage(Integer revision) {
        this.stagedRevision = revision;
    }

    public void editedSinceImport(boolean edited) {
        this.editedSinceImport = edited;
    }

    /** Published, now or at a time to come: a save as draft is then staged instead of changing the page. */
    public boolean isLive() {
        return status == Status.PUBLISHED;
    }

    public boolean isScheduledAt(Instant now) {
        return status == Status.PUBLISHED && publishedAt.isAfter(now);
    }

    public Revision.Snapshot snapshot() {
        return new Revision.Snapshot(slug, title, summary, author, tagNames(), status, publishedAt, aliasPath, markdown);
    }

    /** A locked discussion stays readable; nobody adds to it. */
    public void lockDiscussion(boolean locked) {
        this.discussionLocked = locked;
    }

    public boolean isDiscussionLocked() {
        return discussionLocked;
    }

    public boolean isVisibleAt(Instant now) {
        return status == Status.PUBLISHED && !publishedAt.isAfter(now);
    }

    public int readingMinutes() {
        return Math.max(1, (wordCount + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
    }

    public List<Outline.Entry> outline() {
        return Outline.parse(outline);
    }

    public List<String> tagNames() {
        List<String> names = new ArrayList<>();
        for (Tag tag : tags) {
            names.add(tag.name());
        }
        names.sort(null);
        return names;
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An article needs a " + what + ".");
        }
        return clip(value.strip(), TITLE_LENGTH);
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    public Long id() { return id; }
    public String slug() { return slug; }
    public String title() { return title; }
    public String summary() { return summary; }
    public String author() { return author; }
    public String markdown() { return markdown; }
    public String html() { return html; }
    public int wordCount() { return wordCount; }
    public String plainText() { return plainText == null ? "" : plainText; }
    public Status status() { return status; }
    public String aliasPath() { return aliasPath; }
    public Instant publishedAt() { return publishedAt; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public String sourcePath() { return sourcePath; }
    public String sourceHash() { return sourceHash; }
    public int version() { return version; }
    public Integer stagedRevision() { return stagedRevision; }
    public boolean isEditedSinceImport() { return editedSinceImport; }
}
