package dossier.comment.entity;

import dossier.account.entity.Account;
import dossier.article.entity.Article;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
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
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A reader's comment under an article, possibly a reply to another. Deleting keeps the place in the thread. */
@Entity
@Table(name = "comment")
@NamedQuery(name = Comment.OF_ARTICLE, query = """
        select c from Comment c join fetch c.author where c.article = :article order by c.createdAt, c.id""")
@NamedQuery(name = Comment.COUNT_VISIBLE, query = """
        select c.article.id, count(c) from Comment c where c.article.id in :ids
        and c.status = dossier.comment.entity.Comment.Status.VISIBLE group by c.article.id""")
@NamedQuery(name = Comment.RECENT_BY_AUTHOR, query = """
        select count(c) from Comment c where c.author = :author and c.createdAt > :since""")
@NamedQuery(name = Comment.RECENT_EDITS_BY_AUTHOR, query = """
        select count(e) from Comment c join c.earlierTexts e where c.author = :author and e.replacedAt > :since""")
@NamedQuery(name = Comment.APPROVED_BY_AUTHOR, query = """
        select count(c) from Comment c where c.author = :author and c.status <> dossier.comment.entity.Comment.Status.PENDING""")
@NamedQuery(name = Comment.LATEST_VISIBLE, query = """
        select c from Comment c join fetch c.author where c.article = :article
        and c.status = dossier.comment.entity.Comment.Status.VISIBLE order by c.createdAt desc, c.id desc""")
@NamedQuery(name = Comment.PENDING, query = """
        select c from Comment c join fetch c.author where c.status = dossier.comment.entity.Comment.Status.PENDING
        order by c.createdAt""")
@NamedQuery(name = Comment.BY_AUTHOR, query = """
        select c from Comment c join fetch c.article a where c.author = :author
        and c.status = dossier.comment.entity.Comment.Status.VISIBLE and\s"""
        + dossier.article.entity.Article.READABLE + " order by c.createdAt desc")
public class Comment {

    public static final String OF_ARTICLE = "Comment.ofArticle";
    public static final String COUNT_VISIBLE = "Comment.countVisible";
    public static final String RECENT_BY_AUTHOR = "Comment.recentByAuthor";
    public static final String RECENT_EDITS_BY_AUTHOR = "Comment.recentEditsByAuthor";
    public static final String APPROVED_BY_AUTHOR = "Comment.approvedByAuthor";
    public static final String PENDING = "Comment.pending";
    public static final String LATEST_VISIBLE = "Comment.latestVisible";
    public static final String BY_AUTHOR = "Comment.byAuthor";
    public static final int MAX_LENGTH = 10_000;
    /** Earlier texts kept per comment (the first one among them). */
    public static final int KEPT_EARLIER = 10;

    /** PENDING: held for a moderator (a reader's first comment, when pre-moderation is on). */
    public enum Status { VISIBLE, PENDING, HIDDEN, DELETED }

    /** An earlier text of an edited comment, kept for moderators. */
    @Embeddable
    public static class EarlierText {
        @Column(nullable = false)
        private String markdown;
        @Column(name = "replaced_at", nullable = false)
        private Instant replacedAt;

        protected EarlierText() {
        }

        EarlierText(String markdown, Instant replacedAt) {
            this.markdown = markdown;
            this.replacedAt = replacedAt;
        }

        public String markdown() { return markdown; }
        public Instant replacedAt() { return replacedAt; }
    }

    @Id
    @SequenceGenerator(name = "comment_seq", sequenceName = "comment_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "comment_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "article_id")
    private Article article;

    @Column(name = "parent_id")
    private Long parentId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "author_id")
    private Account author;

    @Column(nullable = false)
    private String markdown;

    /** The markdown rendered when it was saved; null for comments saved before the column existed. */
    @Column(name = "html")
    private String html;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(name = "article_version", nullable = false)
    private int articleVersion;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "edited_at")
    private Instant editedAt;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "comment_edit", joinColumns = @JoinColumn(name = "comment_id"))
    private List<EarlierText> earlierTexts = new ArrayList<>();

    @Version
    private int version;

    protected Comment() {
    }

    public Comment(Article article, Comment parent, Account author, String markdown, Instant now) {
        this(article, parent, author, markdown, null, now);
    }

    public Comment(Article article, Comment parent, Account author, String markdown, String html, Instant now) {
        this.html = html;
        this.article = Objects.requireNonNull(article);
        this.parentId = parent == null ? null : parent.id;
        this.author = Objects.requireNonNull(author);
        this.markdown = Objects.requireNonNull(markdown);
        this.articleVersion = article.version();
        this.status = Status.VISIBLE;
        this.createdAt = now;
    }

    /**
     * Replaces the text (and its rendering), keeping the earlier one for moderators: the first text and the
     * latest {@link #KEPT_EARLIER}{@code - 1} replaced ones, so a reader who edits all day keeps a bounded history.
     */
    public void edit(String newMarkdown, String newHtml, Instant now) {
        earlierTexts.add(new EarlierText(markdown, now));
        while (earlierTexts.size() > KEPT_EARLIER) {
            earlierTexts.remove(1);
        }
        this.markdown = Objects.requireNonNull(newMarkdown);
        this.html = newHtml;
        this.editedAt = now;
    }

    public void holdForModeration() {
        status = Status.PENDING;
    }

    public void approve() {
        if (status == Status.PENDING) {
            status = Status.VISIBLE;
        }
    }

    public void delete() {
        status = Status.DELETED;
    }

    public void hide() {
        if (status == Status.VISIBLE || status == Status.PENDING) {
            status = Status.HIDDEN;
        }
    }

    public void restore() {
        if (status == Status.HIDDEN) {
            status = Status.VISIBLE;
        }
    }

    public boolean isWrittenBy(Account account) {
        return account != null && author.id().equals(account.id());
    }

    /**
     * Whether this reader sees the comment's text: everyone a visible one, its author a held one, moderators also
     * hidden ones; a deleted one nobody (its place in the thread stays).
     */
    public boolean isShownTo(Account reader, boolean moderator) {
        return switch (status) {
            case VISIBLE -> true;
            case PENDING -> isWrittenBy(reader) || moderator;
            case HIDDEN -> moderator;
            case DELETED -> false;
        };
    }

    /** The article's text changed after this comment was written. */
    public boolean predates(Article current) {
        return current.updatedAt().isAfter(createdAt);
    }

    public Long id() { return id; }
    public Article article() { return article; }
    public Long parentId() { return parentId; }
    public Account author() { return author; }
    public String markdown() { return markdown; }
    /** The saved rendering, or null: then render {@link #markdown()} to show it. */
    public String html() { return html; }
    public Status status() { return status; }
    public int articleVersion() { return articleVersion; }
    public Instant createdAt() { return createdAt; }
    public Instant editedAt() { return editedAt; }
    public List<EarlierText> earlierTexts() { return earlierTexts; }
}
