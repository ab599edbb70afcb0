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

/**
 * The overview's articles: how many readers see, how many wait, the content import (under way: how far; done: what
 * it met), and content files in conflict with browser edits.
 */
@ApplicationScoped
public class ArticlesPanel implements AdminPanel {

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    SyncConflicts conflicts;

    @Inject
    ContentImport contentImport;

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
                importFact(contentImport.progress()),
                inConflict + " content files in conflict with browser edits (/admin/sync)"),
                inConflict == 0 ? "" : inConflict + " content file(s) changed on disk and in the browser: choose at /admin/sync.");
    }

    /** The import of the content folder: how far it has come, or what the last one did. */
    static String importFact(ContentImport.Progress p) {
        String errors = p.errors() == 0 ? "" : ", " + p.errors() + " could not be imported (see the server log)";
        if (p.running()) {
            return String.format(java.util.Locale.ROOT, "Importing the content folder: %d of %d files, %.0f files/s%s",
                    p.done(), p.total(), p.perSecond(), errors);
        }
        if (p.finished() == null) {
            return "No content import since start-up";
        }
        return String.format(java.util.Locale.ROOT, "Content folder imported: %d files in %.1f s%s", p.total(),
                java.time.Duration.between(p.started(), p.finished()).toMillis() / 1000.0, errors);
    }
}
