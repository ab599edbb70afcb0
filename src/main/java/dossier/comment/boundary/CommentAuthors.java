package dossier.comment.boundary;

import dossier.account.boundary.PersonalData;
import dossier.account.entity.Account;
import dossier.account.entity.AccountDeleted;
import dossier.account.entity.BylineChanged;
import dossier.article.entity.ArticlesChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.AbstractCollection;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What the discussion does about its authors' accounts: their comments for "download my data", their comments when
 * an account is deleted (kept under "[deleted account]", or their texts removed), and the pages drawn again when the
 * way an author is shown changes.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CommentAuthors implements PersonalData {

    /** Comments read from the database at a time while an export is written. */
    static final int EXPORT_BATCH = 500;

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    Event<ArticlesChanged> changed;

    /** One of the account's comments as the export writes it (JSON-B). */
    public record Exported(long id, String article, Long parentId, Instant created, Instant edited, String status,
                           String markdown) {
    }

    @Override
    public String name() {
        return "comments";
    }

    /** Every comment of the account, oldest first, read {@link #EXPORT_BATCH} at a time while it is written. */
    @Override
    public Object of(Account account) {
        long id = account.id();
        long count = em.createQuery("select count(c) from Comment c where c.author.id = :id", Long.class)
                .setParameter("id", id).getSingleResult();
        return new AbstractCollection<Exported>() {
            @Override
            public int size() {
                return (int) Math.min(Integer.MAX_VALUE, count);
            }

            @Override
            public Iterator<Exported> iterator() {
                return new Iterator<>() {
                    private final Deque<Exported> batch = new ArrayDeque<>();
                    private long after = Long.MIN_VALUE;
                    private boolean exhausted;

                    @Override
                    public boolean hasNext() {
                        if (batch.isEmpty() && !exhausted) {
                            List<Exported> next = batchAfter(id, after);
                            exhausted = next.size() < EXPORT_BATCH;
                            batch.addAll(next);
                            if (!next.isEmpty()) {
                                after = next.get(next.size() - 1).id();
                            }
                        }
                        return !batch.isEmpty();
                    }

                    @Override
                    public Exported next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        return batch.poll();
                    }
                };
            }
        };
    }

    private List<Exported> batchAfter(long authorId, long afterId) {
        return em.createQuery("""
                        select c.id, a.slug, c.parentId, c.createdAt, c.editedAt, c.status, c.markdown
                        from Comment c join c.article a where c.author.id = :author and c.id > :after order by c.id""", Object[].class)
                .setParameter("author", authorId).setParameter("after", afterId).setMaxResults(EXPORT_BATCH)
                .getResultList().stream()
                .map(r -> new Exported((Long) r[0], (String) r[1], (Long) r[2], (Instant) r[3], (Instant) r[4],
                        r[5].toString().toLowerCase(java.util.Locale.ROOT), (String) r[6]))
                .toList();
    }

    /**
     * In the transaction that deletes the account: its comments stay (the pages show "[deleted account]"), or, when
     * asked, lose their texts and earlier versions and are shown as deleted, keeping their places so that replies stay
     * in their threads. Either way the pages that showed them are drawn again, and the search index follows.
     */
    void deleted(@Observes AccountDeleted deleted) {
        List<Long> articles = articlesOf(deleted.accountId());
        if (deleted.removeComments()) {
            em.createNativeQuery("DELETE FROM comment_edit WHERE comment_id IN (SELECT id FROM comment WHERE author_id = ?1)")
                    .setParameter(1, deleted.accountId()).executeUpdate();
            em.createNativeQuery("""
                            UPDATE comment SET status = 'DELETED', markdown = '', html = NULL, version = version + 1
                            WHERE author_id = ?1""")
                    .setParameter(1, deleted.accountId()).executeUpdate();
        }
        if (!articles.isEmpty()) {
            changed.fire(ArticlesChanged.saved(articles));
        }
    }

    /** A new display name: the pages that show the account's comments are drawn again (the search index has no names). */
    void bylineChanged(@Observes BylineChanged event) {
        List<Long> articles = articlesOf(event.accountId());
        if (!articles.isEmpty()) {
            changed.fire(new ArticlesChanged(articles, List.of(), true));
        }
    }

    private List<Long> articlesOf(long accountId) {
        return em.createQuery("select distinct c.article.id from Comment c where c.author.id = :id", Long.class)
                .setParameter("id", accountId).getResultList();
    }
}
