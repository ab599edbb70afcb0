package dossier.article.boundary;

import dossier.article.entity.Article;
import dossier.article.entity.Outline;
import dossier.article.entity.Tag;
import dossier.site.control.PageCache;
import dossier.site.control.Templates;
import dossier.account.boundary.Caller;
import dossier.comment.boundary.Comments;
import dossier.comment.boundary.CommentSection;
import dossier.markdown.control.MarkdownRenderer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
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

    @Inject
    Articles articles;

    @Inject
    Templates templates;

    @Inject
    Comments comments;

    @Inject
    Caller caller;

    @Inject
    PageCache cache;

    @Inject
    dossier.search.boundary.SearchIndex search;

    @Inject
    MarkdownRenderer renderer;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "dossier.base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    @GET
    @Path("articles/{slug}")
    public String article(@PathParam("slug") String slug, @QueryParam("comments") @DefaultValue("1") int commentPage,
                          @QueryParam("order") @DefaultValue("oldest") String order) {
        return cached(() -> {
            Article article = articles.visible(slug, Instant.now()).orElseThrow(NotFoundException::new);
            return withDiscussion(article, commentPage, "newest".equals(order), null, null, null);
        });
    }

    /** Readers without a session all get the same page: it is rendered once until something changes. */
    public String cached(java.util.function.Supplier<String> render) {
        return caller.hasSession() ? render.get() : cache.page(caller.here(), render);
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
            return templates.render("tag.jte", Map.of("tag", name, "slice", slice, "counts", counts(slice)));
        });
    }

    /** Lowest precedence of all paths: any literal path of the site wins over an alias. */
    @GET
    @Path("{alias: .+}")
    public String alias(@PathParam("alias") String alias) {
        String path = "/" + (alias.endsWith("/") ? alias.substring(0, alias.length() - 1) : alias);
        return cached(() -> {
            Article article = articles.visibleAtAlias(path, Instant.now()).orElseThrow(NotFoundException::new);
            return withDiscussion(article, 1, false, null, null, null);
        });
    }

    /** The article page with its discussion; after a refused post, with the reader's text and the reason. */
    public String withDiscussion(Article article, int commentPage, boolean newestFirst, String draft, Long draftParent,
                                 String error) {
        List<Outline.Entry> toc = article.outline().stream().filter(e -> e.level() <= TOC_DEPTH).toList();
        CommentSection discussion = CommentSection.of(article, comments.of(article), caller, renderer, commentPage,
                newestFirst, draft, draftParent, error);
        List<dossier.search.control.SearchHit> related = search.related(article.slug(),
                article.title() + "\n" + article.plainText(), RELATED);
        return templates.render("article.jte", Map.of("article", article, "toc", toc.size() < 2 ? List.of() : toc,
                "discussion", discussion, "baseUrl", baseUrl.replaceAll("/+$", ""), "related", related));
    }

    public Map<Long, Long> counts(Articles.Slice slice) {
        return comments.visibleCounts(slice.articles().stream().map(Article::id).toList());
    }
}
