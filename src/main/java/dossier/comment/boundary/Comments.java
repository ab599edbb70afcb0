package dossier.comment.boundary;

import dossier.account.entity.Account;
import dossier.article.entity.Article;
import dossier.comment.control.CommentThread;
import dossier.site.control.Formats;
import dossier.site.control.Metrics;
import dossier.article.entity.ArticlesChanged;
import dossier.audit.boundary.AuditLog;
import jakarta.enterprise.event.Event;
import dossier.comment.entity.Comment;
import dossier.markdown.control.MarkdownRenderer;
import dossier.markdown.control.RefusedMarkdown;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of discussion: who may post, reply, edit, delete; how long a comment may be; how often a reader may
 * post; and reading the comments back. The author of a comment is always the caller, never something the request
 * says. Hiding, approving, reports and closing a discussion are {@link Moderation}.
 *
 * <p>At {@code /metrics}: {@code dossier_comments_posted_total} (every comment taken, held ones included) and
 * {@code dossier_comments_held_total} (those held for a moderator), counted when their transaction commits.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Comments {

    /** Posts a reader may make per minute; editors and administrators are not limited. */
    public static final int PER_MINUTE = 5;

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    AuditLog audit;

    /** A comment is rendered once, when it is saved: showing a thread never parses Markdown. */
    @Inject
    MarkdownRenderer renderer;

    /** The discussion is part of its article's search document. */
    @Inject
    Event<ArticlesChanged> changed;

    /** Who hears of a comment (a held one: once it is approved). */
    @Inject
    Notifications notifications;

    /** Hold a reader's first comment until a moderator approves it. */
    @Inject
    @ConfigProperty(name = "dossier.comments.premoderate-first", defaultValue = "false")
    boolean premoderateFirst;

    @Resource
    TransactionSynchronizationRegistry transactions;

    Counter posted = Metrics.unregistered();
    Counter held = Metrics.unregistered();

    void register(@Observes @Initialized(ApplicationScoped.class) Object start, MetricRegistry registry) {
        posted = Metrics.counter(registry, "dossier_comments_posted", "Comments posted (held ones included)");
        held = Metrics.counter(registry, "dossier_comments_held", "Comments held for a moderator when posted");
    }

    public List<Comment> of(Article article) {
        return em.createNamedQuery(Comment.OF_ARTICLE, Comment.class).setParameter("article", article).getResultList();
    }

    /** The newest visible comments of an article, newest first. */
    public List<Comment> latestVisible(Article article, int max) {
        return em.createNamedQuery(Comment.LATEST_VISIBLE, Comment.class).setParameter("article", article)
                .setMaxResults(max).getResultList();
    }

    /**
     * Where a comment is read: the page of its article's discussion (in the default order) that holds it, at the
     * comment. Past the first hundred comments that is not the first page, so every link to a comment goes here.
     */
    public String location(Comment comment) {
        int page = CommentThread.pageOf(of(comment.article()), comment.id(), false);
        return Formats.articlePath(comment.article().slug()) + (page > 1 ? "?comments=" + page : "")
                + "#comment-" + comment.id();
    }

    public Map<Long, Long> visibleCounts(Collection<Long> articleIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (articleIds.isEmpty()) {
            return counts;
        }
        for (Object[] row : em.createNamedQuery(Comment.COUNT_VISIBLE, Object[].class)
                .setParameter("ids", articleIds).getResultList()) {
            counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        return counts;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Comment post(Article article, Account author, String markdown, Long parentId) {
        Account caller = em.find(Account.class, author.id());
        Article current = em.find(Article.class, article.id());
        requireMayWrite(caller, current, "This discussion is closed to new comments.");
        String text = text(markdown);
        String html = rendered(text);
        Instant now = Instant.now();
        requireWithinRate(caller, now);
        Comment parent = null;
        if (parentId != null) {
            parent = em.find(Comment.class, parentId);
            if (parent == null || !parent.article().id().equals(article.id())) {
                throw new BadRequestException("The comment you reply to is not under this article.");
            }
        }
        Comment comment = new Comment(current, parent, caller, text, html, now);
        if (premoderateFirst && !caller.isEditor() && em.createNamedQuery(Comment.APPROVED_BY_AUTHOR, Long.class)
                .setParameter("author", caller).getSingleResult() == 0) {
            comment.holdForModeration();
        }
        em.persist(comment);
        em.flush();
        if (comment.status() == Comment.Status.VISIBLE) {
            notifications.queue(comment, now);
        } else {
            Metrics.afterCommit(transactions, held);
        }
        Metrics.afterCommit(transactions, posted);
        changed(comment);
        return comment;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Comment edit(long id, Account caller, String markdown) {
        Comment comment = existing(id);
        Account editor = em.find(Account.class, caller.id());
        if (!comment.isWrittenBy(editor) && !editor.isEditor()) {
            throw new ForbiddenException("Only its author can edit this comment.");
        }
        // An edit is a post made again: the same rules hold (a ban, a closed discussion, the rate).
        requireMayWrite(editor, comment.article(), "This discussion is closed: its comments can no longer be edited.");
        if (comment.status() == Comment.Status.DELETED) {
            throw new ClientErrorException("A deleted comment cannot be edited.", 409);
        }
        String text = text(markdown);
        String html = rendered(text);
        Instant now = Instant.now();
        requireWithinRate(editor, now);
        comment.edit(text, html, now);
        changed.fire(ArticlesChanged.discussionText(comment.article().id()));
        return comment;
    }

    /** In a closed discussion only moderators write (banned readers write nowhere: their role is gone). */
    private static void requireMayWrite(Account caller, Article article, String closed) {
        if (article.isDiscussionLocked() && !caller.isEditor()) {
            throw new ForbiddenException(closed);
        }
    }

    /**
     * A reader writes at most {@link #PER_MINUTE} times a minute, posts and edits together; editors and
     * administrators are not limited. One author's writes are serialised, so parallel requests cannot slip past
     * the limit together.
     */
    private void requireWithinRate(Account caller, Instant now) {
        if (caller.isEditor()) {
            return;
        }
        em.lock(caller, LockModeType.PESSIMISTIC_WRITE);
        Instant since = now.minus(Duration.ofMinutes(1));
        long recent = em.createNamedQuery(Comment.RECENT_BY_AUTHOR, Long.class)
                .setParameter("author", caller).setParameter("since", since).getSingleResult()
                + em.createNamedQuery(Comment.RECENT_EDITS_BY_AUTHOR, Long.class)
                .setParameter("author", caller).setParameter("since", since).getSingleResult();
        if (recent >= PER_MINUTE) {
            throw new ClientErrorException(Response.status(429).header("Retry-After", 60)
                    .entity("You can post or edit " + PER_MINUTE + " comments a minute. Wait a minute and send it again.")
                    .build());
        }
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Comment delete(long id, Account caller) {
        Comment comment = existing(id);
        if (!comment.isWrittenBy(caller) && !caller.isEditor()) {
            throw new ForbiddenException("Only its author can delete this comment.");
        }
        comment.delete();
        changed(comment);
        if (!comment.isWrittenBy(caller)) {
            audit.record(caller.username(), "comment.delete", "comment " + id, null);
        }
        return comment;
    }

    /** A reader's latest visible comments under articles readers can read now (never drafts or withdrawn ones). */
    public List<Comment> by(Account author, int limit) {
        return em.createNamedQuery(Comment.BY_AUTHOR, Comment.class).setParameter("author", author)
                .setParameter("now", java.time.Instant.now()).setMaxResults(limit).getResultList();
    }

    /** The visible comments' Markdown under each of these articles, oldest first. */
    public Map<Long, List<String>> visibleTexts(Collection<Long> articleIds) {
        Map<Long, List<String>> texts = new HashMap<>();
        if (articleIds.isEmpty()) {
            return texts;
        }
        for (Object[] row : em.createQuery("""
                        select c.article.id, c.markdown from Comment c where c.article.id in :ids
                        and c.status = dossier.comment.entity.Comment.Status.VISIBLE order by c.createdAt, c.id""", Object[].class)
                .setParameter("ids", articleIds).getResultList()) {
            texts.computeIfAbsent(((Number) row[0]).longValue(), k -> new java.util.ArrayList<>()).add((String) row[1]);
        }
        return texts;
    }

    private void changed(Comment comment) {
        changed.fire(ArticlesChanged.saved(List.of(comment.article().id())));
    }

    public Comment existing(long id) {
        Comment comment = em.find(Comment.class, id);
        if (comment == null) {
            throw new NotFoundException();
        }
        return comment;
    }

    /** The comment's HTML; a text that nests too deeply to render safely is refused with the reason. */
    private String rendered(String text) {
        try {
            return renderer.commentHtml(text);
        } catch (RefusedMarkdown refused) {
            throw new BadRequestException(refused.getMessage(), refused);
        }
    }

    /** The text as stored; that it is there and not too long, the boundaries check ({@link CommentsResource.Draft}). */
    private static String text(String markdown) {
        return markdown == null ? "" : markdown.strip();
    }
}
