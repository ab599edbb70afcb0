package dossier.article.boundary;

import dossier.article.control.ArticleSource;
import dossier.article.control.ArticleWriter;
import dossier.article.entity.Article;
import dossier.article.entity.ArticlesChanged;
import dossier.article.entity.Redirect;
import dossier.article.entity.Revision;
import dossier.article.entity.SyncConflict;
import dossier.article.entity.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The database side of the content import: which file each article came from (to skip unchanged files), and
 * batches of read files stored as articles, each change a revision by {@value #IMPORT}. A file whose article
 * was edited in the browser since its last import is not applied but recorded as a sync conflict, which
 * {@link SyncConflicts} settles.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ImportBatches {

    /** The name revisions and the audit log give the file import. */
    public static final String IMPORT = "import";

    /** Where an article came from, to tell an unchanged content file from a new or edited one. */
    public record Source(String slug, String path, String hash, boolean edited) {
    }

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    Event<ArticlesChanged> changed;

    @Inject
    ArticleWriter writer;

    /** The source of every article, by the path of its file (or {@code slug:<slug>} for an article without one). */
    public Map<String, Source> sourcesByPath() {
        Map<String, Source> sources = new HashMap<>();
        for (Object[] row : em.createNamedQuery(Article.SOURCES, Object[].class).getResultList()) {
            Source s = new Source((String) row[0], (String) row[1], (String) row[2], Boolean.TRUE.equals(row[3]));
            sources.put(s.path() == null ? "slug:" + s.slug() : s.path(), s);
        }
        return sources;
    }

    /**
     * Creates or updates the articles of a batch of content files, in one transaction, each change as a revision
     * by "import". A file whose article was edited in the browser since its last import is not applied: it is
     * recorded as a sync conflict and its path returned, and the browser's version stays. A file whose article came
     * from this very file already (another node of the cluster stored it a moment ago) is left alone; two nodes that
     * create the same article at once make one of them fail on the unique slug, and its retry then finds it.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<String> store(List<ArticleSource> batch, Instant now) {
        Map<String, Tag> tags = writer.tagsByName();
        Map<String, Article> existing = existing(batch);
        List<Article> stored = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (ArticleSource source : batch) {
            Article article = existing.get(source.slug());
            boolean created = article == null;
            if (!created && source.sourceHash() != null && source.sourceHash().equals(article.sourceHash())
                    && java.util.Objects.equals(source.sourcePath(), article.sourcePath())) {
                continue; // stored meanwhile, by another node importing the same folder: once is enough
            }
            if (!created && article.isEditedSinceImport()) {
                conflict(article, source.sourcePath(), source.sourceHash(), now);
                conflicts.add(source.sourcePath());
                continue;
            }
            if (created) {
                article = new Article(source.slug(), now);
                em.persist(article);
            }
            writer.write(article, source, tags, now, created);
            article.stage(null);
            writer.keep(article, created ? 1 : writer.nextRevision(article), source, IMPORT, Revision.Origin.IMPORT,
                    "Imported from " + source.sourcePath(), true, now);
            stored.add(article);
        }
        em.flush();
        changed.fire(ArticlesChanged.saved(stored.stream().map(Article::id).toList()));
        return conflicts;
    }

    /**
     * The batch's articles that exist already, by slug, with their texts loaded. A new file may take a slug that
     * an article left by a rename: the old address then belongs to it, and its redirect goes.
     */
    private Map<String, Article> existing(List<ArticleSource> batch) {
        Map<String, Article> existing = new HashMap<>();
        List<String> slugs = batch.stream().map(ArticleSource::slug).toList();
        for (Article a : em.createNamedQuery(Article.BY_SLUGS, Article.class).setParameter("slugs", slugs)
                .setHint(Article.LOAD_GRAPH, em.getEntityGraph(Article.WITH_TEXTS)).getResultList()) {
            existing.put(a.slug(), a);
        }
        for (Redirect old : em.createQuery("select r from Redirect r where r.oldSlug in :slugs", Redirect.class)
                .setParameter("slugs", slugs).getResultList()) {
            if (!existing.containsKey(old.oldSlug())) {
                em.remove(old);
            }
        }
        return existing;
    }

    /** Records (or brings up to date) the conflict of a changed file with its browser-edited article. */
    private void conflict(Article article, String path, String hash, Instant now) {
        SyncConflict known = em.find(SyncConflict.class, article.id());
        if (known == null) {
            em.persist(new SyncConflict(article, path, hash, now));
        } else if (!hash.equals(known.fileHash())) {
            known.seen(path, hash, now);
        }
    }
}
