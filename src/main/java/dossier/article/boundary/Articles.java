package dossier.article.boundary;

import dossier.article.entity.Article;
import dossier.article.entity.Redirect;
import dossier.article.entity.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reading articles, for the pages, feeds and API: one article by its slug or extra path, pages of the articles
 * readers may read (all of them, or those with a tag), and everything for editors. What readers may read is
 * {@link Article#READABLE}. Changes go through {@link Edits} and {@link ImportBatches}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Articles {

    /** One page of a list of articles, with where it stands among the others. */
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
        return bySlug(slug).filter(a -> a.isVisibleAt(now));
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
        long total = em.createNamedQuery(Article.VISIBLE_WITH_TAG_COUNT, Long.class)
                .setParameter("tag", tag).setParameter("now", now).getSingleResult();
        return slice(query, total, page, size);
    }

    public Optional<Article> bySlug(String slug) {
        return first(em.createNamedQuery(Article.BY_SLUG, Article.class).setParameter("slug", slug));
    }

    /** One page of every article, drafts and withdrawn ones included, newest first: the editors' list. */
    public Slice everything(int page, int size) {
        long total = em.createQuery("select count(a) from Article a", Long.class).getSingleResult();
        return slice(em.createNamedQuery(Article.ALL, Article.class), total, page, size);
    }

    /** Every article, drafts and withdrawn ones included, newest first, with its tags. */
    public List<Article> all() {
        return em.createNamedQuery(Article.ALL, Article.class)
                .setHint("eclipselink.batch", "a.tags").setHint("eclipselink.batch.type", "IN").getResultList();
    }

    /**
     * The article at this slug, if the caller may read it ({@code mayRead}). An old slug of a renamed article
     * answers 301 to the same address under its current slug ({@code suffix}: the rest of the address, such as
     * {@code /edit} or the query); an article the caller may not read answers as if it were not there (404),
     * or 410 once withdrawn, so that neither the article nor its new slug is told.
     */
    public Article readable(String slug, String suffix, Predicate<Article> mayRead) {
        Article article = bySlug(slug).orElse(null);
        if (article == null) {
            Article moved = redirected(slug).orElseThrow(NotFoundException::new);
            if (!mayRead.test(moved)) {
                throw hidden(moved);
            }
            throw new WebApplicationException(Response.status(Response.Status.MOVED_PERMANENTLY)
                    .location(URI.create("/articles/" + moved.slug() + suffix)).build());
        }
        if (!mayRead.test(article)) {
            throw hidden(article);
        }
        return article;
    }

    /** What a reader learns of an article they may not read: 410 once it was withdrawn, else nothing (404). */
    private static WebApplicationException hidden(Article article) {
        return article.status() == Status.UNPUBLISHED
                ? new ClientErrorException("This article has been withdrawn by the editors and is no longer published.", 410)
                : new NotFoundException();
    }

    /** The article a renamed slug now belongs to. */
    public Optional<Article> redirected(String oldSlug) {
        Redirect r = em.find(Redirect.class, oldSlug);
        return r == null ? Optional.empty() : Optional.of(r.article());
    }

    /** The old slugs that answer with a redirect to this article. */
    public List<String> redirectsTo(Article article) {
        return em.createQuery("select r.oldSlug from Redirect r where r.article = :a order by r.oldSlug", String.class)
                .setParameter("a", article).getResultList();
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

    static <T> Optional<T> first(TypedQuery<T> query) {
        return query.setMaxResults(1).getResultList().stream().findFirst();
    }
}
