package dossier.comment.boundary;

import dossier.article.boundary.Articles;
import dossier.article.entity.Article;
import dossier.comment.entity.Comment;
import dossier.markdown.control.MarkdownRenderer;
import dossier.site.control.AtomFeed;
import dossier.site.control.Formats;
import dossier.site.control.PageCache;
import dossier.site.control.SiteAddress;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import java.time.Instant;
import java.util.List;

/**
 * An Atom feed of one article's discussion: its newest visible comments, each linking to its permanent address.
 * The same for everyone, so kept like the article's own page until its discussion changes.
 */
@Path("articles/{slug}/comments.atom")
@RequestScoped
public class CommentFeed {

    static final int ENTRIES = 30;

    @Inject
    Articles articles;

    @Inject
    Comments comments;

    @Inject
    MarkdownRenderer renderer;

    @Inject
    PageCache cache;

    @Inject
    SiteAddress site;

    @GET
    @Produces("application/atom+xml;charset=utf-8")
    public String feed(@PathParam("slug") String slug) {
        Article article = articles.visible(slug, Instant.now()).orElseThrow(NotFoundException::new);
        String self = Formats.articlePath(article.slug()) + "/comments.atom";
        return cache.page(self, article.id(), () -> AtomFeed.of("Comments on " + article.title(), site.absolute(self),
                site.absolute(Formats.articlePath(article.slug()) + "#comments"),
                comments.latestVisible(article, ENTRIES).stream().map(c -> entry(article, c)).toList()));
    }

    private AtomFeed.Entry entry(Article article, Comment c) {
        String author = c.author().byline();
        Instant updated = c.editedAt() != null ? c.editedAt() : c.createdAt();
        return new AtomFeed.Entry(site.absolute("/comments/" + c.id()), author + " on " + article.title(),
                c.createdAt(), updated, author, List.of(), null, CommentSection.html(c, renderer));
    }
}
