package dossier.article.boundary;

import dossier.article.entity.Article;
import dossier.article.entity.Outline;
import dossier.article.entity.Tag;
import dossier.site.control.PageCache;
import dossier.site.control.Templates;
import dossier.account.boundary.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import dossier.article.entity.Status;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.RedirectionException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import dossier.site.control.Formats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The reading pages of articles: by slug, by tag, and at an alias path set in the front matter. */
@Path("")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class ArticlePages {

    static final int PAGE_SIZE = 20;
    /** The table of contents lists sections and subsections; deeper headings would crowd it. */
    static final int TOC_DEPTH = 3;
    static final int RELATED = 3;
    static final int BACKLINKS = 10;

    @Inject
    Articles articles;

    @Inject
    Templates templates;

    @Inject
    Discussions discussions;

    @Inject
    Caller caller;

    @Inject
    PageCache cache;

    @Inject
    RelatedArticles relatedArticles;

    @Inject
    dossier.site.control.SiteAddress site;

    @GET
    @Path("articles/{slug}")
    public String article(@PathParam("slug") String slug, @QueryParam("comments") @DefaultValue("1") int commentPage,
                          @QueryParam("order") @DefaultValue("oldest") String order) {
        Article article = readable(slug, Instant.now());
        boolean newestFirst = "newest".equals(order);
        return cached(article, () -> render(article, commentPage, newestFirst, true));
    }

    /**
     * The article at this slug if the caller may read it: readers see what is published, editors also drafts,
     * scheduled and unpublished articles (with a notice). A renamed article's old slug answers 301 to the current
     * one; an unpublished article's address answers 410 Gone.
     */
    Article readable(String slug, Instant now) {
        String query = caller.here().contains("?") ? caller.here().substring(caller.here().indexOf('?')) : "";
        return articles.readable(slug, query, a -> a.isVisibleAt(now) || caller.isEditor());
    }

    /** Anonymous readers all get the same page: it is rendered once until something changes. */
    public String cached(java.util.function.Supplier<String> render) {
        return caller.isPersonal() ? render.get() : cache.page(caller.address(), render);
    }

    /** An article's own page, kept as its page: a change to its discussion's text drops it and no other. */
    private String cached(Article article, java.util.function.Supplier<String> render) {
        return caller.isPersonal() ? render.get() : cache.page(caller.address(), article.id(), render);
    }

    @GET
    @Path("tags/{tag}")
    public String tag(@PathParam("tag") String tag, @QueryParam("page") @DefaultValue("1") int page) {
        String name = Tag.normalize(tag);
        return cached(() -> {
            Articles.Slice slice = articles.tagged(name, page, PAGE_SIZE, Instant.now());
            if (slice.total() == 0) {
                throw new NotFoundException();
            }
            return templates.render(new TagView(name, listing(slice, dossier.site.control.Formats.tagPath(name))));
        });
    }

    /** Lowest precedence of all paths: any literal path of the site wins over an alias. */
    @GET
    @Path("{alias: .+}")
    public String alias(@PathParam("alias") String alias) {
        String path = "/" + (alias.endsWith("/") ? alias.substring(0, alias.length() - 1) : alias);
        Article article = articles.visibleAtAlias(path, Instant.now()).orElseThrow(NotFoundException::new);
        return cached(article, () -> page(article, 1, false));
    }

    /** The article page with this page of its discussion (after a refused post, with the reader's text kept). */
    public String page(Article article, int commentPage, boolean newestFirst) {
        return render(article, commentPage, newestFirst, false);
    }

    /**
     * The page; when {@code exactPage}, a discussion page that does not exist (past the last, before the first) is
     * answered with a redirect to the nearest that does, so made-up page numbers never become pages of their own.
     */
    private String render(Article article, int commentPage, boolean newestFirst, boolean exactPage) {
        List<Outline.Entry> toc = article.outline().stream().filter(e -> e.level() <= TOC_DEPTH).toList();
        Discussions.Part discussion = discussions.under(article, commentPage, newestFirst);
        if (exactPage && discussion.page() != commentPage) {
            throw new RedirectionException(Response.Status.FOUND, URI.create(Formats.articlePath(article.slug())
                    + (discussion.page() > 1 ? "?comments=" + discussion.page() + (newestFirst ? "&order=newest" : "")
                    : newestFirst ? "?order=newest" : "") + "#comments"));
        }
        List<RelatedArticles.Link> related = relatedArticles.alike(article, RELATED);
        List<String> addresses = new java.util.ArrayList<>(articles.redirectsTo(article));
        addresses.add(article.slug());
        if (article.aliasPath() != null) {
            addresses.add(article.aliasPath());
        }
        List<RelatedArticles.Link> referencedBy = relatedArticles.linkingTo(article, addresses, BACKLINKS);
        return templates.render(new ArticleView(article, toc.size() < 2 ? List.of() : toc, discussion,
                site.origin(), related, referencedBy, notice(article)));
    }

    /** What an editor reading an article that readers cannot see (or not yet, or not this version) is told. */
    private String notice(Article article) {
        if (!caller.isEditor()) {
            return null;
        }
        Instant now = Instant.now();
        if (article.status() == Status.DRAFT) {
            return "Draft: only editors see this article.";
        }
        if (article.status() == Status.UNPUBLISHED) {
            return "Unpublished: readers get “410 Gone” at this address.";
        }
        if (article.isScheduledAt(now)) {
            return "Scheduled: readers see this article from " + dossier.site.control.Formats.dateTime(article.publishedAt()) + ".";
        }
        if (article.stagedRevision() != null) {
            return "A draft of revision " + article.stagedRevision() + " is saved but not published; readers see this version.";
        }
        return null;
    }

    /** A page of a list of articles, with their comment counts, as the home and tag pages show it. */
    ArticleList listing(Articles.Slice slice, String basePath) {
        Map<Long, Long> commentCounts = discussions.visibleCounts(slice.articles().stream().map(Article::id).toList());
        return ArticleList.of(slice, commentCounts, basePath);
    }
}
