package dossier.comment.boundary;

import dossier.account.entity.Account;
import dossier.article.entity.Article;
import dossier.article.entity.ArticlesChanged;
import dossier.audit.boundary.AuditLog;
import dossier.comment.entity.Comment;
import dossier.comment.entity.Report;
import dossier.site.control.Metrics;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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

import java.time.Instant;
import java.util.List;

/**
 * Keeping a discussion civil: readers report comments; moderators (editors and administrators) hide and restore
 * comments, approve those held for moderation, settle reports and close a discussion to new comments. Every
 * moderator's action is audited in the transaction that makes it. Posting, editing and deleting are {@link Comments}.
 * Reports taken are counted at {@code /metrics} as {@code dossier_comments_reported_total}, once committed.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Moderation {

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    AuditLog audit;

    /** The discussion is part of its article's search document. */
    @Inject
    Event<ArticlesChanged> changed;

    @Inject
    Comments comments;

    @Inject
    Notifications notifications;

    @Resource
    TransactionSynchronizationRegistry transactions;

    Counter reported = Metrics.unregistered();

    void register(@Observes @Initialized(ApplicationScoped.class) Object start, MetricRegistry registry) {
        reported = Metrics.counter(registry, "dossier_comments_reported", "Reports of comments taken");
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Comment moderate(long id, Account caller, boolean hide) {
        Comment comment = comments.existing(id);
        if (hide) {
            comment.hide();
        } else {
            comment.restore();
        }
        audit.record(caller.username(), hide ? "comment.hide" : "comment.restore", "comment " + id,
                "by @" + comment.author().username() + " under " + comment.article().slug());
        resolveReports(comment);
        changed(comment);
        return comment;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Comment approve(long id, Account caller) {
        Comment comment = comments.existing(id);
        boolean held = comment.status() == Comment.Status.PENDING;
        comment.approve();
        if (held) {
            notifications.queue(comment, Instant.now()); // readers hear of a held comment only now
        }
        changed(comment);
        audit.record(caller.username(), "comment.approve", "comment " + id, "by @" + comment.author().username());
        return comment;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void report(long id, Account reporter, String reason) {
        Account caller = em.find(Account.class, reporter.id());
        Comment comment = reportable(id, caller);
        long open = em.createNamedQuery(Report.OPEN_BY_REPORTER, Long.class).setParameter("reporter", caller)
                .getSingleResult();
        if (open >= Report.OPEN_PER_READER && !caller.isEditor()) {
            throw new ClientErrorException(Response.status(429).entity("You have " + open
                    + " reports waiting for the moderators. Once they have looked at them you can report more.").build());
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new BadRequestException("Say briefly what is wrong with the comment.");
        }
        if (why.length() > Report.MAX_REASON) {
            why = why.substring(0, Report.MAX_REASON);
        }
        em.persist(new Report(comment, caller, why, Instant.now()));
        Metrics.afterCommit(transactions, reported);
    }

    /**
     * A comment this reader can see, and so report: visible, under an article readers can read now. Any other
     * is not found, so that the report form tells nothing of drafts or removed comments.
     */
    public Comment reportable(long id, Account reader) {
        Comment comment = comments.existing(id);
        if (reader.isEditor()) {
            return comment;
        }
        boolean seen = comment.status() == Comment.Status.VISIBLE
                || comment.status() == Comment.Status.PENDING && comment.isWrittenBy(reader);
        if (!seen || !comment.article().isVisibleAt(Instant.now())) {
            throw new NotFoundException();
        }
        return comment;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void dismissReports(long commentId, Account caller) {
        Comment comment = comments.existing(commentId);
        resolveReports(comment);
        audit.record(caller.username(), "report.dismiss", "comment " + commentId, null);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void lock(Article article, Account caller, boolean locked) {
        em.find(Article.class, article.id()).lockDiscussion(locked);
        audit.record(caller.username(), locked ? "discussion.lock" : "discussion.unlock", "article " + article.slug(), null);
    }

    public List<Comment> pending() {
        return em.createNamedQuery(Comment.PENDING, Comment.class).getResultList();
    }

    public List<Report> openReports() {
        return em.createNamedQuery(Report.OPEN, Report.class).getResultList();
    }

    private void resolveReports(Comment comment) {
        em.createQuery("update Report r set r.resolved = true where r.comment = :c and r.resolved = false")
                .setParameter("c", comment).executeUpdate();
    }

    private void changed(Comment comment) {
        changed.fire(ArticlesChanged.saved(List.of(comment.article().id())));
    }
}
