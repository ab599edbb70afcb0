package dossier.article.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One save of an article, whole: the text and every front-matter field as they were, who saved it, how
 * (browser, API, import, restore) and why. Never changed once written, except that a staged one is marked
 * applied when it goes live.
 */
@Entity
@Table(name = "article_revision")
@NamedQuery(name = Revision.OF_ARTICLE, query = """
        select r from Revision r where r.article = :article order by r.number desc""")
@NamedQuery(name = Revision.BY_NUMBER, query = """
        select r from Revision r where r.article = :article and r.number = :number""")
@NamedQuery(name = Revision.LAST_NUMBER, query = """
        select max(r.number) from Revision r where r.article = :article""")
public class Revision {

    public static final String OF_ARTICLE = "Revision.ofArticle";
    public static final String BY_NUMBER = "Revision.byNumber";
    public static final String LAST_NUMBER = "Revision.lastNumber";
    /** The longest message an editor's save keeps: longer ones are cut (or, through the API, refused). */
    public static final int MESSAGE_LENGTH = 500;

    /** How a revision came to be. */
    public enum Origin {
        BROWSER, API, IMPORT, RESTORE
    }

    @Id
    @SequenceGenerator(name = "article_revision_seq", sequenceName = "article_revision_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "article_revision_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "article_id")
    private Article article;

    @Column(name = "revision_number", nullable = false)
    private int number;

    @Column(nullable = false, length = 200)
    private String slug;

    @Column(nullable = false, length = 500)
    private String title;

    @Column(length = 2000)
    private String summary;

    @Column(length = 1000)
    private String author;

    @Column(length = 2000)
    private String tags;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(name = "published_at", nullable = false)
    private Instant publishedAt;

    @Column(name = "alias_path", length = 300)
    private String aliasPath;

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private String markdown;

    @Column(nullable = false, length = 32)
    private String editor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Origin origin;

    @Column(length = MESSAGE_LENGTH)
    private String message;

    @Column(nullable = false)
    private boolean applied;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Revision() {
    }

    public Revision(Article article, int number, Snapshot snapshot, String editor, Origin origin, String message,
                    boolean applied, Instant at) {
        this.article = Objects.requireNonNull(article);
        this.number = number;
        this.slug = snapshot.slug();
        this.title = snapshot.title();
        this.summary = snapshot.summary();
        this.author = snapshot.author();
        this.tags = String.join(",", snapshot.tags());
        this.status = snapshot.status();
        this.publishedAt = snapshot.publishedAt();
        this.aliasPath = snapshot.aliasPath();
        this.markdown = snapshot.markdown();
        this.editor = editor.length() > 32 ? editor.substring(0, 32) : editor;
        this.origin = Objects.requireNonNull(origin);
        this.message = message == null || message.isBlank() ? null
                : message.strip().length() > MESSAGE_LENGTH ? message.strip().substring(0, MESSAGE_LENGTH) : message.strip();
        this.applied = applied;
        this.createdAt = at;
    }

    /** The front matter and text of an article at one moment, as a revision keeps them. */
    public record Snapshot(String slug, String title, String summary, String author, List<String> tags, Status status,
                           Instant publishedAt, String aliasPath, String markdown) {
        public Snapshot {
            tags = List.copyOf(tags);
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(slug, title, summary, author, tagList(), status, publishedAt, aliasPath, markdown);
    }

    public void apply() {
        this.applied = true;
    }

    public List<String> tagList() {
        return tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
    }

    public Long id() { return id; }
    public Article article() { return article; }
    public int number() { return number; }
    public String slug() { return slug; }
    public String title() { return title; }
    public String markdown() { return markdown; }
    public String editor() { return editor; }
    public Origin origin() { return origin; }
    public String message() { return message; }
    public boolean isApplied() { return applied; }
    public Instant createdAt() { return createdAt; }
    public Status status() { return status; }
    public Instant publishedAt() { return publishedAt; }
}
