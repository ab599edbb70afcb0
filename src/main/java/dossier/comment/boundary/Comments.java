package dossier.comment.boundary;

import dossier.account.entity.Account;
import dossier.article.entity.Article;
import dossier.comment.entity.Comment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of discussion: who may post, reply, edit, delete, hide; how long a comment may be; how often
 * a reader may post. The author of a comment is always the caller, never something the request says.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Comments {

    /** Posts a reader may make per minute; editors and administrators are not limited. */
    public static final int PER_MINUTE = 5;

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    public List<Comment> of(Article article) {
        return em.createNamedQuery(Comment.OF_ARTICLE, Comment.class).setParameter("article", article).getResultList();
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
        if (caller.isBanned()) {
            throw new ForbiddenException("Your account may not comment.");
        }
        String text = checkedText(markdown);
        Instant now = Instant.now();
        if (!caller.isModerator()) {
            // Serialise one author's posts, so that parallel requests cannot slip past the limit together.
            em.lock(caller, LockModeType.PESSIMISTIC_WRITE);
            long recent = em.createNamedQuery(Comment.RECENT_BY_AUTHOR, Long.class)
                    .setParameter("author", caller).setParameter("since", now.minus(Duration.ofMinutes(1)))
                    .getSingleResult();
            if (recent >= PER_MINUTE) {
                throw new ClientErrorException(Response.status(429).header("Retry-After", 60)
                        .entity("You can post " + PER_MINUTE + " comments a minute. Wait a minute and send it again.")
                        .build());
            }
        }
        Comment parent = null;
        if (parentId != null) {
            parent = em.find(Comment.class, parentId);
            if (parent == null || !parent.article().id().equals(article.id())) {
                throw new BadRequestException("The comment you reply to is not under this article.");
            }
        }
        Comment comment = new Comment(em.getReference(Article.class, article.id()), parent, caller, text, now);
        em.persist(comment);
        return comment;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Comment edit(long id, Account caller, String markdown) {
        Comment comment = existing(id);
        if (!comment.isWrittenBy(caller) && !caller.isModerator()) {
            throw new ForbiddenException("Only its author can edit this comment.");
        }
        if (comment.status() == Comment.Status.DELETED) {
            throw new ClientErrorException("A deleted comment cannot be edited.", 409);
        }
        comment.edit(checkedText(markdown), Instant.now());
        return comment;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Comment delete(long id, Account caller) {
        Comment comment = existing(id);
        if (!comment.isWrittenBy(caller) && !caller.isModerator()) {
            throw new ForbiddenException("Only its author can delete this comment.");
        }
        comment.delete();
        return comment;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Comment moderate(long id, Account caller, boolean hide) {
        if (!caller.isModerator()) {
            throw new ForbiddenException("Only editors and administrators moderate comments.");
        }
        Comment comment = existing(id);
        if (hide) {
            comment.hide();
        } else {
            comment.restore();
        }
        return comment;
    }

    public Comment existing(long id) {
        Comment comment = em.find(Comment.class, id);
        if (comment == null) {
            throw new NotFoundException();
        }
        return comment;
    }

    static String checkedText(String markdown) {
        String text = markdown == null ? "" : markdown.strip();
        if (text.isEmpty()) {
            throw new BadRequestException("The comment is empty.");
        }
        if (text.length() > Comment.MAX_LENGTH) {
            throw new BadRequestException("A comment may have at most " + Comment.MAX_LENGTH
                    + " characters; this one has " + text.length() + ".");
        }
        return text;
    }
}
