package dossier.article.boundary;

import dossier.article.control.ArticleSource;
import dossier.article.entity.Article;
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

    /** Creates or updates the articles of a batch of content files, in one transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
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
        }
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
