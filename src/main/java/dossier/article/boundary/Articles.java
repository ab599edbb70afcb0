package dossier.article.boundary;

import dossier.article.control.ArticleSource;
import dossier.article.entity.Article;
import dossier.article.entity.ArticlesChanged;
import dossier.article.entity.Redirect;
import dossier.article.entity.Revision;
import dossier.article.entity.Status;
import dossier.article.entity.SyncConflict;
import dossier.audit.boundary.AuditLog;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.inject.Inject;
import dossier.article.entity.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The transactional facade of the article component: what pages and the import read and write. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Articles {

    /** Where an article came from, to tell an unchanged content file from a new or edited one. */
    public record Source(String slug, String path, String hash, boolean edited) {
    }

    public record Slice(List<Article> articles, long total, int page, int pages) {
        public boolean hasNewer() {
            return page > 1;
        }

        public boolean hasOlder() {
            return page < pages;
        }
    }

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    Event<ArticlesChanged> changed;

    @Inject
    AuditLog audit;

    public Optional<Article> visible(String slug, Instant now) {
        return first(em.createNamedQuery(Article.BY_SLUG, Article.class).setParameter("slug", slug))
                .filter(a -> a.isVisibleAt(now));
    }

    public Optional<Article> visibleAtAlias(String path, Instant now) {
        return first(em.createNamedQuery(Article.BY_ALIAS, Article.class).setParameter("path", path))
                .filter(a -> a.isVisibleAt(now));
    }

    public Slice latest(int page, int size, Instant now) {
        long total = em.createNamedQuery(Article.VISIBLE_COUNT, Long.class).setParameter("now", now).getSingleResult();
        TypedQuery<Article> query = em.createNamedQuery(Article.VISIBLE, Article.class).setParameter("now", now);
        return slice(query, total, page, size);
    }

    public Slice tagged(String tag, int page, int size, Instant now) {
        TypedQuery<Article> query = em.createNamedQuery(Article.VISIBLE_WITH_TAG, Article.class)
                .setParameter("tag", tag).setParameter("now", now);
        long total = em.createQuery("select count(a) from Article a join a.tags t where t.name = :tag and "
                        + Article.READABLE, Long.class)
                .setParameter("tag", tag).setParameter("now", now).getSingleResult();
        return slice(query, total, page, size);
    }

    public Map<String, Source> sourcesByPath() {
        Map<String, Source> sources = new HashMap<>();
        for (Object[] row : em.createNamedQuery(Article.SOURCES, Object[].class).getResultList()) {
            Source s = new Source((String) row[0], (String) row[1], (String) row[2], Boolean.TRUE.equals(row[3]));
            sources.put(s.path() == null ? "slug:" + s.slug() : s.path(), s);
        }
        return sources;
    }

    public Optional<Article> bySlug(String slug) {
        return first(em.createNamedQuery(Article.BY_SLUG, Article.class).setParameter("slug", slug));
    }

    /** One page of every article, drafts and withdrawn ones included, newest first: the editors' list. */
    public Slice everything(int page, int size) {
        long total = em.createQuery("select count(a) from Article a", Long.class).getSingleResult();
        TypedQuery<Article> query = em.createQuery("select a from Article a order by a.publishedAt desc, a.id desc",
                Article.class);
        return slice(query, total, page, size);
    }

    public List<Article> all() {
        return em.createQuery("select a from Article a order by a.publishedAt desc, a.id desc", Article.class)
                .setHint("eclipselink.batch", "a.tags").setHint("eclipselink.batch.type", "IN").getResultList();
    }

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

    /**
     * An editor's save, from the browser or the API. A new article (no current slug) needs a free slug. For an
     * existing one the save is accepted only against the version the editor started from: no lost update. A
     * draft saved over a live article is staged: the page does not change until it is published. A new slug
     * keeps the old one as a redirect.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Saved save(String currentSlug, ArticleSource source, Integer expectedVersion, String editor,
                      Revision.Origin origin, String message) {
        Instant now = Instant.now();
        Article article;
        boolean created = currentSlug == null;
        Map<String, Tag> tags = tagsByName();
        if (created) {
            claimSlug(source.slug(), null);
            article = new Article(source.slug(), now); // persisted once written: queries before that would flush it half-made
        } else {
            article = bySlug(currentSlug).orElseThrow(() -> new NotFoundException("There is no article '" + currentSlug + "'."));
            article.fetchTexts();
            if (expectedVersion == null || article.version() != expectedVersion) {
                throw new StaleEdit(expectedVersion == null ? -1 : expectedVersion, article);
            }
        }
        checkAliasFree(source, article.id());
        int number = created ? 1 : nextRevision(article);
        if (!created && article.isLive() && source.status() == Status.DRAFT) {
            Revision staged = new Revision(article, number, snapshot(source), editor, origin, message, false, now);
            em.persist(staged);
            article.stage(number);
            article.editedSinceImport(true);
            audit.record(editor, "article.stage", article.slug(), "revision " + number + " saved as a draft; the live page is unchanged");
            em.flush();
            return new Saved(article, staged, true);
        }
        String oldSlug = article.slug();
        Status before = created ? null : article.status();
        boolean renamed = !created && !oldSlug.equals(source.slug());
        if (renamed) {
            claimSlug(source.slug(), article);
            em.persist(new Redirect(oldSlug, article, now));
            article.renameTo(source.slug());
        }
        apply(article, source, tags, now, created);
        if (created) {
            em.persist(article);
        }
        article.stage(null);
        article.editedSinceImport(true);
        Revision revision = new Revision(article, number, snapshot(source), editor, origin, message, true, now);
        em.persist(revision);
        em.flush();
        auditSave(editor, article, before, renamed ? oldSlug : null, number, now);
        changed.fire(new ArticlesChanged(List.of(article.id()), renamed ? List.of(oldSlug) : List.of()));
        return new Saved(article, revision, false);
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
    public Saved restore(String slug, int number, String editor, java.util.function.Function<Revision.Snapshot, ArticleSource> render) {
        Article article = bySlug(slug).orElseThrow(NotFoundException::new);
        Revision old = revision(article, number).orElseThrow(() -> new NotFoundException("There is no revision " + number + "."));
        Revision.Snapshot was = old.snapshot();
        Revision.Snapshot now = article.snapshot();
        Revision.Snapshot restored = new Revision.Snapshot(now.slug(), was.title(), was.summary(), was.author(), was.tags(),
                now.status(), now.publishedAt(), was.aliasPath(), was.markdown());
        Saved saved = save(slug, render.apply(restored).importedFrom(article.sourcePath(), article.sourceHash()),
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

    /**
     * The article at this slug, if the caller may read it ({@code mayRead}). An old slug of a renamed article
     * answers 301 to the same address under its current slug ({@code suffix}: the rest of the address, such as
     * {@code /edit} or the query); an article the caller may not read answers as if it were not there (404),
     * or 410 once withdrawn, so that neither the article nor its new slug is told.
     */
    public Article readable(String slug, String suffix, java.util.function.Predicate<Article> mayRead) {
        Article article = bySlug(slug).orElse(null);
        if (article == null) {
            Article moved = redirected(slug).orElseThrow(NotFoundException::new);
            if (!mayRead.test(moved)) {
                throw hidden(moved);
            }
            throw new jakarta.ws.rs.WebApplicationException(jakarta.ws.rs.core.Response
                    .status(jakarta.ws.rs.core.Response.Status.MOVED_PERMANENTLY)
                    .location(java.net.URI.create("/articles/" + moved.slug() + suffix)).build());
        }
        if (!mayRead.test(article)) {
            throw hidden(article);
        }
        return article;
    }

    /** What a reader learns of an article they may not read: 410 once it was withdrawn, else nothing (404). */
    private static jakarta.ws.rs.WebApplicationException hidden(Article article) {
        return article.status() == dossier.article.entity.Status.UNPUBLISHED
                ? new ClientErrorException("This article has been withdrawn by the editors and is no longer published.", 410)
                : new NotFoundException();
    }

    /** The article a renamed slug now belongs to. */
    public Optional<Article> redirected(String oldSlug) {
        Redirect r = em.find(Redirect.class, oldSlug);
        return r == null ? Optional.empty() : Optional.of(r.article());
    }

    public List<Revision> revisions(Article article) {
        return em.createNamedQuery(Revision.OF_ARTICLE, Revision.class).setParameter("article", article).getResultList();
    }

    public Optional<Revision> revision(Article article, int number) {
        return first(em.createNamedQuery(Revision.BY_NUMBER, Revision.class).setParameter("article", article)
                .setParameter("number", number));
    }

    /** The old slugs that answer with a redirect to this article. */
    public List<String> redirectsTo(Article article) {
        return em.createQuery("select r.oldSlug from Redirect r where r.article = :a order by r.oldSlug", String.class)
                .setParameter("a", article).getResultList();
    }

    private int nextRevision(Article article) {
        Integer last = em.createNamedQuery(Revision.LAST_NUMBER, Integer.class).setParameter("article", article).getSingleResult();
        return last == null ? 1 : last + 1;
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
        first(em.createNamedQuery(Article.BY_ALIAS, Article.class).setParameter("path", source.aliasPath()))
                .filter(other -> !other.id().equals(self))
                .ifPresent(other -> {
                    throw new ClientErrorException("The path " + source.aliasPath() + " belongs to '" + other.slug() + "'.", 409);
                });
    }

    private static Revision.Snapshot snapshot(ArticleSource s) {
        return new Revision.Snapshot(s.slug(), s.title(), s.summary(), s.author(),
                s.tags().stream().map(Tag::normalize).filter(t -> !t.isEmpty()).distinct().toList(),
                s.status(), s.publishedAt(), s.aliasPath(), s.markdown());
    }

    private Map<String, Tag> tagsByName() {
        Map<String, Tag> tags = new HashMap<>();
        for (Tag t : em.createNamedQuery(Tag.ALL, Tag.class).getResultList()) {
            tags.put(t.name(), t);
        }
        return tags;
    }

    /** Writes a source's text and front matter onto the article (its slug is the caller's business). */
    private void apply(Article article, ArticleSource source, Map<String, Tag> tags, Instant now, boolean created) {
        article.write(source.title(), source.markdown(), source.body(), now);
        if (created && source.publishedAt().isBefore(now)) {
            article.revisedAt(source.publishedAt());
        }
        article.describe(source.summary(), source.author());
        article.schedule(source.status(), source.publishedAt());
        article.aliasAt(source.aliasPath());
        article.importedFrom(source.sourcePath(), source.sourceHash());
        article.tagWith(source.tags().stream()
                .map(Tag::normalize)
                .filter(name -> !name.isEmpty())
                .distinct()
                .map(name -> tags.computeIfAbsent(name, n -> {
                    Tag tag = new Tag(n);
                    em.persist(tag);
                    return tag;
                }))
                .toList());
    }

    /**
     * Creates or updates the articles of a batch of content files, in one transaction, each change as a revision
     * by "import". A file whose article was edited in the browser since its last import is not applied: it is
     * recorded as a sync conflict and its path returned, and the browser's version stays.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<String> store(List<ArticleSource> batch, Instant now) {
        Map<String, Tag> tags = tagsByName();
        Map<String, Article> existing = new HashMap<>();
        List<String> slugs = batch.stream().map(ArticleSource::slug).toList();
        for (Article a : em.createNamedQuery(Article.BY_SLUGS, Article.class).setParameter("slugs", slugs).getResultList()) {
            existing.put(a.slug(), a.fetchTexts());
        }
        // A new file may take a slug that an article left by a rename: the old address then belongs to it.
        for (Redirect old : em.createQuery("select r from Redirect r where r.oldSlug in :slugs", Redirect.class)
                .setParameter("slugs", slugs).getResultList()) {
            if (!existing.containsKey(old.oldSlug())) {
                em.remove(old);
            }
        }
        List<Article> stored = new java.util.ArrayList<>();
        List<String> conflicts = new java.util.ArrayList<>();
        for (ArticleSource source : batch) {
            Article article = existing.get(source.slug());
            boolean created = article == null;
            if (!created && article.isEditedSinceImport()) {
                conflict(article, source.sourcePath(), source.sourceHash(), now);
                conflicts.add(source.sourcePath());
                continue;
            }
            if (created) {
                article = new Article(source.slug(), now);
                em.persist(article);
            }
            apply(article, source, tags, now, created);
            article.stage(null);
            em.persist(new Revision(article, created ? 1 : nextRevision(article), snapshot(source), IMPORT, Revision.Origin.IMPORT,
                    "Imported from " + source.sourcePath(), true, now));
            stored.add(article);
        }
        em.flush();
        changed.fire(ArticlesChanged.saved(stored.stream().map(Article::id).toList()));
        return conflicts;
    }

    /** The name revisions and the audit log give the file import. */
    public static final String IMPORT = "import";

    private void conflict(Article article, String path, String hash, Instant now) {
        SyncConflict known = em.find(SyncConflict.class, article.id());
        if (known == null) {
            em.persist(new SyncConflict(article, path, hash, now));
        } else if (!hash.equals(known.fileHash())) {
            known.seen(path, hash, now);
        }
    }

    public List<SyncConflict> conflicts() {
        return em.createQuery("select c from SyncConflict c join fetch c.article order by c.detectedAt desc", SyncConflict.class)
                .getResultList();
    }

    /** Settles a sync conflict: the file's version replaces the browser's, as a new revision. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void takeFile(long articleId, ArticleSource file, String editor) {
        SyncConflict conflict = em.find(SyncConflict.class, articleId);
        if (conflict == null) {
            throw new NotFoundException("That conflict was settled already.");
        }
        Article article = conflict.article();
        em.remove(conflict);
        article.editedSinceImport(false);
        em.flush();
        store(List.of(file.withSlug(article.slug())), Instant.now());
        audit.record(editor, "article.sync-take-file", article.slug(), "the file " + file.sourcePath() + " replaced the browser's version");
    }

    /** Settles a sync conflict: the browser's version stays, and this state of the file is no longer reported. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void keepBrowserVersion(long articleId, String editor) {
        SyncConflict conflict = em.find(SyncConflict.class, articleId);
        if (conflict == null) {
            throw new NotFoundException("That conflict was settled already.");
        }
        Article article = conflict.article();
        article.importedFrom(conflict.sourcePath(), conflict.fileHash());
        em.remove(conflict);
        audit.record(editor, "article.sync-keep", article.slug(), "the browser's version stays; " + conflict.sourcePath() + " was not imported");
    }

    /** The articles with these ids, whatever their status, with their texts, for the search index. */
    public List<Article> withIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select a from Article a where a.id in :ids", Article.class).setParameter("ids", ids)
                .setHint("eclipselink.batch", "a.tags").setHint("eclipselink.batch.type", "IN")
                .getResultList();
    }

    /** Slug → id of every article readers can see now. */
    public Map<String, Long> visibleIds(Instant now) {
        Map<String, Long> ids = new HashMap<>();
        for (Object[] row : em.createQuery("select a.slug, a.id from Article a where " + Article.READABLE, Object[].class)
                .setParameter("now", now).getResultList()) {
            ids.put((String) row[0], (Long) row[1]);
        }
        return ids;
    }

    /**
     * Announces the articles whose scheduled time has come since the last announcement, once for the whole
     * cluster: the shared clock row is locked, so of two nodes asking at once one announces and the other finds
     * nothing left. Returns the ids announced.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<Long> announceScheduled(Instant now) {
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

    /** Ids of the articles whose scheduled time fell in {@code (after, upTo]}: they have just gone live. */
    private List<Long> wentLive(Instant after, Instant upTo) {
        return em.createQuery("""
                        select a.id from Article a where a.status = dossier.article.entity.Status.PUBLISHED
                        and a.publishedAt > :after and a.publishedAt <= :upTo""", Long.class)
                .setParameter("after", after).setParameter("upTo", upTo).getResultList();
    }

    /** Every article id, for rebuilding the search index in batches. */
    public List<Long> allIds() {
        return em.createQuery("select a.id from Article a order by a.id", Long.class).getResultList();
    }

    private Slice slice(TypedQuery<Article> query, long total, int page, int size) {
        int pages = (int) Math.max(1, (total + size - 1) / size);
        int current = Math.min(Math.max(1, page), pages);
        List<Article> articles = query
                .setHint("eclipselink.batch", "a.tags")
                .setHint("eclipselink.batch.type", "IN")
                .setFirstResult((current - 1) * size)
                .setMaxResults(size)
                .getResultList();
        return new Slice(articles, total, current, pages);
    }

    private static <T> Optional<T> first(TypedQuery<T> query) {
        return query.setMaxResults(1).getResultList().stream().findFirst();
    }
}
