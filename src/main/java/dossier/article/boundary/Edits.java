package dossier.article.boundary;

import dossier.article.control.ArticleSource;
import dossier.article.control.ArticleWriter;
import dossier.article.entity.Article;
import dossier.article.entity.ArticlesChanged;
import dossier.article.entity.Redirect;
import dossier.article.entity.Revision;
import dossier.article.entity.Status;
import dossier.article.entity.Tag;
import dossier.audit.boundary.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Editors' changes to articles, from the browser or the API: every save is a numbered revision, accepted only
 * against the version the editor started from; a draft saved over a live article is staged; a rename keeps the
 * old slug as a redirect; an earlier revision can be restored. Each change is audited and announced
 * ({@link ArticlesChanged}) in the transaction that makes it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Edits {

    /** An editor's save was made against an older version: nothing is stored, the editor's text is kept. */
    public static final class StaleEdit extends ClientErrorException {
        private final int currentVersion;
        private final String currentMarkdown;

        StaleEdit(int expected, Article current) {
            super("The article was changed by someone else since you opened it (you started from version " + expected
                    + ", it is now at version " + current.version() + "). Your text is kept below; compare it with the"
                    + " current one and save again.", 409);
            this.currentVersion = current.version();
            this.currentMarkdown = current.markdown();
        }

        public int currentVersion() {
            return currentVersion;
        }

        public String currentMarkdown() {
            return currentMarkdown;
        }
    }

    /** What a save did: the article as it is now, the revision made, and whether it only staged that revision. */
    public record Saved(Article article, Revision revision, boolean staged) {
    }

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    Event<ArticlesChanged> changed;

    @Inject
    AuditLog audit;

    @Inject
    ArticleWriter writer;

    /**
     * An editor's save, from the browser or the API. A new article (no current slug) needs a free slug. For an
     * existing one the save is accepted only against the version the editor started from: no lost update. A
     * draft saved over a live article is staged: the page does not change until it is published. A new slug
     * keeps the old one as a redirect.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Saved save(String currentSlug, ArticleSource source, Integer expectedVersion, String editor,
                      Revision.Origin origin, String message) {
        return write(currentSlug, source, expectedVersion, editor, origin, message);
    }

    /** {@link #save}, within the caller's transaction. */
    private Saved write(String currentSlug, ArticleSource source, Integer expectedVersion, String editor,
                        Revision.Origin origin, String message) {
        Instant now = Instant.now();
        boolean created = currentSlug == null;
        Map<String, Tag> tags = writer.tagsByName();
        Article article = created ? claimNew(source.slug(), now) : current(currentSlug, expectedVersion);
        checkAliasFree(source, article.id());
        int number = created ? 1 : writer.nextRevision(article);
        if (!created && article.isLive() && source.status() == Status.DRAFT) {
            return stage(article, number, source, editor, origin, message, now);
        }
        String oldSlug = article.slug();
        Status before = created ? null : article.status();
        boolean renamed = !created && !oldSlug.equals(source.slug());
        if (renamed) {
            claimSlug(source.slug(), article);
            em.persist(new Redirect(oldSlug, article, now));
            article.renameTo(source.slug());
        }
        writer.write(article, source, tags, now, created);
        if (created) {
            em.persist(article);
        }
        article.stage(null);
        article.editedSinceImport(true);
        Revision revision = writer.keep(article, number, source, editor, origin, message, true, now);
        em.flush();
        auditSave(editor, article, before, renamed ? oldSlug : null, number, now);
        changed.fire(new ArticlesChanged(List.of(article.id()), renamed ? List.of(oldSlug) : List.of()));
        return new Saved(article, revision, false);
    }

    /** A new article at a free slug; persisted once written, since queries before that would flush it half-made. */
    private Article claimNew(String slug, Instant now) {
        claimSlug(slug, null);
        return new Article(slug, now);
    }

    /**
     * The article as the editor's save finds it, with its texts (it is about to change), if it is still at the
     * version the editor started from.
     */
    private Article current(String slug, Integer expectedVersion) {
        Article article = Articles.first(em.createNamedQuery(Article.BY_SLUG, Article.class).setParameter("slug", slug)
                        .setHint(Article.LOAD_GRAPH, em.getEntityGraph(Article.WITH_TEXTS)))
                .orElseThrow(() -> new NotFoundException("There is no article '" + slug + "'."));
        if (expectedVersion == null || article.version() != expectedVersion) {
            throw new StaleEdit(expectedVersion == null ? -1 : expectedVersion, article);
        }
        return article;
    }

    /** A draft saved over a live article: kept as a revision, and the live page stays as it is. */
    private Saved stage(Article article, int number, ArticleSource source, String editor, Revision.Origin origin,
                        String message, Instant now) {
        Revision staged = writer.keep(article, number, source, editor, origin, message, false, now);
        article.stage(number);
        article.editedSinceImport(true);
        audit.record(editor, "article.stage", article.slug(), "revision " + number + " saved as a draft; the live page is unchanged");
        em.flush();
        return new Saved(article, staged, true);
    }

    private void auditSave(String editor, Article article, Status before, String oldSlug, int number, Instant now) {
        String slug = article.slug();
        String detail = "revision " + number;
        if (before == null) {
            audit.record(editor, "article.create", slug, detail);
        } else {
            audit.record(editor, "article.edit", slug, detail);
        }
        if (oldSlug != null) {
            audit.record(editor, "article.rename", slug, "from " + oldSlug + " to " + slug);
        }
        if (article.isLive() && before != Status.PUBLISHED) {
            if (article.isScheduledAt(now)) {
                audit.record(editor, "article.schedule", slug, "goes live at " + article.publishedAt());
            } else {
                audit.record(editor, "article.publish", slug, detail);
            }
        } else if (article.status() == Status.UNPUBLISHED && before != Status.UNPUBLISHED) {
            audit.record(editor, "article.unpublish", slug, detail);
        }
    }

    /** Takes a live article off the site: its address answers 410 Gone until it is published again. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Article unpublish(String slug, Integer expectedVersion, String editor) {
        Article article = bySlug(slug).orElseThrow(NotFoundException::new);
        if (expectedVersion != null && article.version() != expectedVersion) {
            throw new StaleEdit(expectedVersion, article);
        }
        if (article.status() == Status.UNPUBLISHED) {
            return article;
        }
        article.unpublish();
        em.flush();
        audit.record(editor, "article.unpublish", slug, null);
        changed.fire(ArticlesChanged.saved(List.of(article.id())));
        return article;
    }

    /** Drops a staged draft of a live article; the revision stays in the history. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void discardStaged(String slug, String editor) {
        Article article = bySlug(slug).orElseThrow(NotFoundException::new);
        if (article.stagedRevision() != null) {
            audit.record(editor, "article.discard-draft", slug, "revision " + article.stagedRevision());
            article.stage(null);
        }
    }

    /**
     * Brings back the text and description of an earlier revision, as a new revision. The article keeps its
     * address, status and publication time: a restore changes what it says, not where or whether it is shown.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Saved restore(String slug, int number, String editor, Function<Revision.Snapshot, ArticleSource> render) {
        Article article = bySlug(slug).orElseThrow(NotFoundException::new);
        Revision old = revision(article, number).orElseThrow(() -> new NotFoundException("There is no revision " + number + "."));
        Revision.Snapshot was = old.snapshot();
        Revision.Snapshot now = article.snapshot();
        Revision.Snapshot restored = new Revision.Snapshot(now.slug(), was.title(), was.summary(), was.author(), was.tags(),
                now.status(), now.publishedAt(), was.aliasPath(), was.markdown());
        Saved saved = write(slug, render.apply(restored).importedFrom(article.sourcePath(), article.sourceHash()),
                article.version(), editor, Revision.Origin.RESTORE, "Restored revision " + number);
        audit.record(editor, "article.restore", slug, "revision " + number + " restored as revision " + saved.revision().number());
        return saved;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void delete(String slug, String editor) {
        Article article = bySlug(slug).orElseThrow(NotFoundException::new);
        em.remove(article);
        em.flush();
        audit.record(editor, "article.delete", slug, article.title());
        changed.fire(new ArticlesChanged(List.of(), List.of(slug)));
    }

    /** Every revision of the article, newest first. */
    public List<Revision> revisions(Article article) {
        return em.createNamedQuery(Revision.OF_ARTICLE, Revision.class).setParameter("article", article).getResultList();
    }

    public Optional<Revision> revision(Article article, int number) {
        return Articles.first(em.createNamedQuery(Revision.BY_NUMBER, Revision.class).setParameter("article", article)
                .setParameter("number", number));
    }

    private Optional<Article> bySlug(String slug) {
        return Articles.first(em.createNamedQuery(Article.BY_SLUG, Article.class).setParameter("slug", slug));
    }

    /** A slug for an article: taken from an old redirect if need be, never from another article. */
    private void claimSlug(String slug, Article self) {
        Optional<Article> owner = bySlug(slug);
        if (owner.isPresent() && owner.get() != self) {
            throw new ClientErrorException("The address /articles/" + slug + " belongs to another article ('"
                    + owner.get().title() + "'). Choose another slug.", 409);
        }
        Redirect old = em.find(Redirect.class, slug);
        if (old != null) {
            em.remove(old);
            em.flush();
        }
    }

    private void checkAliasFree(ArticleSource source, Long self) {
        if (source.aliasPath() == null) {
            return;
        }
        Articles.first(em.createNamedQuery(Article.BY_ALIAS, Article.class).setParameter("path", source.aliasPath()))
                .filter(other -> !other.id().equals(self))
                .ifPresent(other -> {
                    throw new ClientErrorException("The path " + source.aliasPath() + " belongs to '" + other.slug() + "'.", 409);
                });
    }
}
