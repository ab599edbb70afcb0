package dossier.article.boundary;

import dossier.article.control.ArticleWriters;
import dossier.article.entity.ArticlesChanged;
import dossier.audit.boundary.AuditLogs;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

/**
 * The article component's beans on one entity manager, wired to each other as the container wires them, for
 * tests outside the container (which open and close the transactions themselves).
 */
public final class ArticleBeans {

    public final Articles articles = new Articles();
    public final Edits edits;
    public final ImportBatches imports;
    public final SyncConflicts conflicts = new SyncConflicts();
    public final ScheduledArticles scheduled = new ScheduledArticles();
    public final ArticleFeed feed = new ArticleFeed();

    public static ArticleBeans on(EntityManager em, Event<ArticlesChanged> changed) {
        return new ArticleBeans(em, changed, new Edits(), new ImportBatches());
    }

    /** With these instances of {@code edits} and {@code imports} (a test may open transactions around them). */
    public ArticleBeans(EntityManager em, Event<ArticlesChanged> changed, Edits edits, ImportBatches imports) {
        var writer = ArticleWriters.on(em);
        var audit = AuditLogs.on(em);
        articles.em = em;
        this.edits = edits;
        edits.em = em;
        edits.changed = changed;
        edits.audit = audit;
        edits.writer = writer;
        this.imports = imports;
        imports.em = em;
        imports.changed = changed;
        imports.writer = writer;
        conflicts.em = em;
        conflicts.imports = imports;
        conflicts.audit = audit;
        scheduled.em = em;
        scheduled.changed = changed;
        feed.em = em;
    }
}
