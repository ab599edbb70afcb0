package dossier.article.boundary;

import dossier.article.control.ArticleSource;
import dossier.article.entity.Article;
import dossier.article.entity.ArticlesChanged;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.BadRequestException;
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
    public record Source(String slug, String path, String hash) {
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
        long total = em.createQuery("""
                        select count(a) from Article a join a.tags t where t.name = :tag
                        and a.status = dossier.article.entity.Status.PUBLISHED and a.publishedAt <= :now""", Long.class)
                .setParameter("tag", tag).setParameter("now", now).getSingleResult();
        return slice(query, total, page, size);
    }

    public Map<String, Source> sourcesByPath() {
        Map<String, Source> sources = new HashMap<>();
        for (Object[] row : em.createNamedQuery(Article.SOURCES, Object[].class).getResultList()) {
            Source s = new Source((String) row[0], (String) row[1], (String) row[2]);
            sources.put(s.path() == null ? "slug:" + s.slug() : s.path(), s);
        }
        return sources;
    }

    public Optional<Article> bySlug(String slug) {
        return first(em.createNamedQuery(Article.BY_SLUG, Article.class).setParameter("slug", slug));
    }

    public List<Article> all() {
        return em.createQuery("select a from Article a order by a.publishedAt desc, a.id desc", Article.class)
                .setHint("eclipselink.batch", "a.tags").setHint("eclipselink.batch.type", "IN").getResultList();
    }

    /** An editor's new article; its slug must be free. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Article create(ArticleSource source) {
        if (bySlug(source.slug()).isPresent()) {
            throw new ClientErrorException("An article with the slug '" + source.slug() + "' exists already.", 409);
        }
        checkAliasFree(source, null);
        store(List.of(source), Instant.now());
        return bySlug(source.slug()).orElseThrow();
    }

    /** An editor's change, accepted only against the version the editor started from: no lost update. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Article update(String slug, ArticleSource source, int expectedVersion) {
        Article article = bySlug(slug).orElseThrow(NotFoundException::new);
        if (article.version() != expectedVersion) {
            throw new ClientErrorException("The article was changed by someone else since you opened it (version "
                    + expectedVersion + ", now " + article.version() + "). Reload it and apply your change again.", 409);
        }
        if (!source.slug().equals(slug)) {
            throw new BadRequestException("The slug of an article cannot be changed here.");
        }
        checkAliasFree(source, article.id());
        store(List.of(source.importedFrom(article.sourcePath(), article.sourceHash())), Instant.now());
        return bySlug(slug).orElseThrow();
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void delete(String slug) {
        Article article = bySlug(slug).orElseThrow(NotFoundException::new);
        em.remove(article);
        em.flush();
        changed.fire(new ArticlesChanged(List.of(), List.of(slug)));
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

    /** Creates or updates the articles of a batch of content files, in one transaction. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void store(List<ArticleSource> batch, Instant now) {
        Map<String, Tag> tags = new HashMap<>();
        for (Tag t : em.createNamedQuery(Tag.ALL, Tag.class).getResultList()) {
            tags.put(t.name(), t);
        }
        Map<String, Article> existing = new HashMap<>();
        List<String> slugs = batch.stream().map(ArticleSource::slug).toList();
        for (Article a : em.createNamedQuery(Article.BY_SLUGS, Article.class).setParameter("slugs", slugs).getResultList()) {
            existing.put(a.slug(), a);
        }
        List<Article> stored = new java.util.ArrayList<>();
        for (ArticleSource source : batch) {
            Article article = existing.get(source.slug());
            boolean created = article == null;
            if (created) {
                article = new Article(source.slug(), now);
                em.persist(article);
            }
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
            stored.add(article);
        }
        em.flush();
        changed.fire(ArticlesChanged.saved(stored.stream().map(Article::id).toList()));
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
