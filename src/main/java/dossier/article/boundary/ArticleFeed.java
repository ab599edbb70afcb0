package dossier.article.boundary;

import dossier.article.entity.Article;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the search index reads of the articles, besides the {@link ChangeLog} that tells it which ones changed:
 * every id for a rebuild, the articles readers may read now for a catch-up, and batches of articles whatever
 * their status (the index decides what a reader finds).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ArticleFeed {

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    /** Every article id, for rebuilding the search index in batches. */
    public List<Long> allIds() {
        return em.createQuery("select a.id from Article a order by a.id", Long.class).getResultList();
    }

    /** Slug → id of every article readers can see now. */
    public Map<String, Long> visibleIds(Instant now) {
        Map<String, Long> ids = new HashMap<>();
        for (Object[] row : em.createNamedQuery(Article.VISIBLE_IDS, Object[].class).setParameter("now", now).getResultList()) {
            ids.put((String) row[0], (Long) row[1]);
        }
        return ids;
    }

    /** The articles with these ids, whatever their status, with their tags. */
    public List<Article> withIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select a from Article a where a.id in :ids", Article.class).setParameter("ids", ids)
                .setHint("eclipselink.batch", "a.tags").setHint("eclipselink.batch.type", "IN")
                .getResultList();
    }
}
