package dossier.article.boundary;

import dossier.article.entity.Status;
import dossier.site.control.AdminPanel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The overview's articles: how many readers see, how many wait, and content files in conflict with browser edits. */
@ApplicationScoped
public class ArticlesPanel implements AdminPanel {

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    SyncConflicts conflicts;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public State state() {
        Map<Status, Long> byStatus = new EnumMap<>(Status.class);
        for (Object[] row : em.createQuery("select a.status, count(a) from Article a group by a.status", Object[].class)
                .getResultList()) {
            byStatus.put((Status) row[0], ((Number) row[1]).longValue());
        }
        long scheduled = em.createQuery("select count(a) from Article a where a.status = :published and a.publishedAt > :now",
                Long.class).setParameter("published", Status.PUBLISHED).setParameter("now", Instant.now()).getSingleResult();
        int inConflict = conflicts.all().size();
        return new State("Articles", "/admin/articles", List.of(
                byStatus.getOrDefault(Status.PUBLISHED, 0L) - scheduled + " published, " + scheduled + " scheduled",
                byStatus.getOrDefault(Status.DRAFT, 0L) + " drafts, " + byStatus.getOrDefault(Status.UNPUBLISHED, 0L) + " withdrawn",
                inConflict + " content files in conflict with browser edits (/admin/sync)"),
                inConflict == 0 ? "" : inConflict + " content file(s) changed on disk and in the browser: choose at /admin/sync.");
    }
}
