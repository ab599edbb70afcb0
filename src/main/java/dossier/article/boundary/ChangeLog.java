package dossier.article.boundary;

import dossier.article.entity.ArticlesChanged;
import dossier.site.control.ChangesApplied;
import dossier.article.entity.ChangeEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.List;

/**
 * The ordered log of changes that every node's search index (and page cache) follows. Each change is written
 * in the transaction that makes it, so a committed change always has its line and a rolled-back one never
 * has; a node that was down, or missed a notification, reads what it missed from here.
 */
@ApplicationScoped
public class ChangeLog {

    /** How long lines are kept; a node away longer rebuilds its index from the database. */
    public static final long KEEP_MILLIS = 7L * 24 * 3600 * 1000;

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<ChangesApplied> applied;

    /** Called synchronously where the change is fired, inside its transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    void record(@Observes ArticlesChanged changed) {
        long now = System.currentTimeMillis();
        for (Long id : changed.ids()) {
            em.createNativeQuery("INSERT INTO change_log (article_id, created_ms, discussion_text) VALUES (?1, ?2, ?3)")
                    .setParameter(1, id).setParameter(2, now).setParameter(3, changed.discussionText()).executeUpdate();
        }
        for (String slug : changed.deletedSlugs()) {
            em.createNativeQuery("INSERT INTO change_log (slug, created_ms) VALUES (?1, ?2)")
                    .setParameter(1, slug).setParameter(2, now).executeUpdate();
        }
        // What this node keeps of these articles goes once the change is committed (its observers wait for that).
        applied.fire(new ChangesApplied(changed.ids(), changed.deletedSlugs(), changed.discussionText()));
    }

    /** Committed lines after {@code after}, oldest first, at most {@code limit}. */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<ChangeEntry> after(long after, int limit) {
        return em.createNamedQuery(ChangeEntry.AFTER, ChangeEntry.class).setParameter("after", after)
                .setMaxResults(limit).getResultList();
    }

    /** Those of these line numbers that are committed now. */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<ChangeEntry> withIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(ChangeEntry.WITH_IDS, ChangeEntry.class).setParameter("ids", List.copyOf(ids))
                .getResultList();
    }

    /** The newest committed line number, 0 for an empty log. */
    @Transactional(Transactional.TxType.REQUIRED)
    public long newest() {
        Long max = em.createQuery("select max(e.id) from ChangeEntry e", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }

    /** How many committed lines come after {@code after}. */
    @Transactional(Transactional.TxType.REQUIRED)
    public long countAfter(long after) {
        return em.createQuery("select count(e) from ChangeEntry e where e.id > :after", Long.class)
                .setParameter("after", after).getSingleResult();
    }

    /** The oldest line still kept, or 0 for an empty log. */
    @Transactional(Transactional.TxType.REQUIRED)
    public long oldest() {
        Long min = em.createQuery("select min(e.id) from ChangeEntry e", Long.class).getSingleResult();
        return min == null ? 0 : min;
    }

    /** Deletes lines older than {@link #KEEP_MILLIS}; any node may run it, twice does no harm. */
    @Transactional(Transactional.TxType.REQUIRED)
    public int prune(long nowMillis) {
        return em.createNativeQuery("DELETE FROM change_log WHERE created_ms < ?1")
                .setParameter(1, nowMillis - KEEP_MILLIS).executeUpdate();
    }
}
