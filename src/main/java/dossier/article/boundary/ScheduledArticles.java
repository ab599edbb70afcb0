package dossier.article.boundary;

import dossier.article.entity.Article;
import dossier.article.entity.ArticlesChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * The articles whose scheduled time has come, announced once for the whole cluster. The shared clock row
 * ({@code publishing_clock}) says up to when the articles were announced; it is locked for the announcement, so
 * of two nodes asking at once one announces and the other finds nothing left. The {@link PublishingClock} asks
 * every second; the lock, the articles' announcement (their lines in the {@link ChangeLog}) and the clock's new
 * time commit together, in the transaction of {@link #announce}.
 */
@ApplicationScoped
public class ScheduledArticles {

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    Event<ArticlesChanged> changed;

    /**
     * Announces the articles whose scheduled time fell between the last announcement and {@code now}, and moves
     * the clock on to {@code now}. Returns the ids announced.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<Long> announce(Instant now) {
        Number last = (Number) em.createNativeQuery("SELECT checked_up_to_ms FROM publishing_clock WHERE id = 1 FOR UPDATE")
                .getSingleResult();
        long from = last.longValue();
        long upTo = now.toEpochMilli();
        if (upTo <= from) {
            return List.of();
        }
        // The first tick ever only sets the clock: what went live before is in the index already.
        List<Long> live = from == 0 ? List.of() : wentLive(Instant.ofEpochMilli(from), now);
        em.createNativeQuery("UPDATE publishing_clock SET checked_up_to_ms = ?1 WHERE id = 1").setParameter(1, upTo)
                .executeUpdate();
        if (!live.isEmpty()) {
            changed.fire(ArticlesChanged.saved(live));
        }
        return live;
    }

    /** Ids of the articles readers may read at {@code upTo} but could not at {@code after}: they have just gone live. */
    private List<Long> wentLive(Instant after, Instant upTo) {
        return em.createNamedQuery(Article.WENT_LIVE, Long.class)
                .setParameter("after", after).setParameter("now", upTo).getResultList();
    }
}
