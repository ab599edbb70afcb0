package dossier.article.boundary;

import dossier.article.control.ArticleSource;
import dossier.article.entity.Article;
import dossier.article.entity.SyncConflict;
import dossier.audit.boundary.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import java.time.Instant;
import java.util.List;

/**
 * Content files that changed on disk while their articles had edits from the browser or the API, and an
 * editor's decision for each: the file replaces the browser's version, or the browser's version stays.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SyncConflicts {

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    ImportBatches imports;

    @Inject
    AuditLog audit;

    /** The open conflicts, newest first, each with its article. */
    public List<SyncConflict> all() {
        return em.createQuery("select c from SyncConflict c join fetch c.article order by c.detectedAt desc", SyncConflict.class)
                .getResultList();
    }

    /** Settles a sync conflict: the file's version replaces the browser's, as a new revision. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void takeFile(long articleId, ArticleSource file, String editor) {
        SyncConflict conflict = open(articleId);
        Article article = conflict.article();
        em.remove(conflict);
        article.editedSinceImport(false);
        em.flush();
        imports.store(List.of(file.withSlug(article.slug())), Instant.now());
        audit.record(editor, "article.sync-take-file", article.slug(), "the file " + file.sourcePath() + " replaced the browser's version");
    }

    /** Settles a sync conflict: the browser's version stays, and this state of the file is no longer reported. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void keepBrowserVersion(long articleId, String editor) {
        SyncConflict conflict = open(articleId);
        Article article = conflict.article();
        article.importedFrom(conflict.sourcePath(), conflict.fileHash());
        em.remove(conflict);
        audit.record(editor, "article.sync-keep", article.slug(), "the browser's version stays; " + conflict.sourcePath() + " was not imported");
    }

    private SyncConflict open(long articleId) {
        SyncConflict conflict = em.find(SyncConflict.class, articleId);
        if (conflict == null) {
            throw new NotFoundException("That conflict was settled already.");
        }
        return conflict;
    }
}
