package dossier.article.boundary;

import dossier.account.boundary.Caller;
import dossier.account.entity.Account;
import dossier.article.control.ArticleSource;
import dossier.article.control.ContentException;
import dossier.article.control.ContentParser;
import dossier.article.entity.Article;
import dossier.markdown.control.MarkdownRenderer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Articles as JSON: anyone reads what is published; editors and administrators create, change and delete.
 * Rooted at {@code api} like the other API resources, so that JAX-RS considers all of them for a path
 * (a longer root path here would hide {@code /api/articles/{slug}/comments}).
 */
@Path("api")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ArticlesResource {

    /** An article as a client sends it; {@code version} is the one it read, for {@code PUT}. */
    public record Input(String slug, String title, String summary, List<String> tags, String author, String status,
                        String published, String path, String markdown, Integer version) {
    }

    /** An article as a client reads it. */
    public record Json(String slug, String title, String summary, List<String> tags, String author, String status,
                       String published, String path, String markdown, String html, int version, String updated) {
        static Json of(Article a) {
            return new Json(a.slug(), a.title(), a.summary(), a.tagNames(), a.author(),
                    a.status().name().toLowerCase(Locale.ROOT), a.publishedAt().toString(), a.aliasPath(),
                    a.markdown(), a.html(), a.version(), a.updatedAt().toString());
        }
    }

    @Inject
    Articles articles;

    @Inject
    Caller caller;

    @Inject
    MarkdownRenderer renderer;

    @GET
    @Path("articles")
    public List<Json> list() {
        Instant now = Instant.now();
        boolean editor = caller.isModerator();
        return articles.all().stream().filter(a -> editor || a.isVisibleAt(now)).map(Json::of).toList();
    }

    @GET
    @Path("articles/{slug}")
    public Json one(@PathParam("slug") String slug) {
        Article article = articles.bySlug(slug).filter(a -> caller.isModerator() || a.isVisibleAt(Instant.now()))
                .orElseThrow(NotFoundException::new);
        return Json.of(article);
    }

    @POST
    @Path("articles")
    public Response create(Input input) {
        editor();
        Article created = articles.create(source(input, input == null ? null : input.slug()));
        return Response.created(URI.create("/api/articles/" + created.slug())).entity(Json.of(created)).build();
    }

    @PUT
    @Path("articles/{slug}")
    public Json update(@PathParam("slug") String slug, Input input) {
        editor();
        if (input == null || input.version() == null) {
            throw new BadRequestException("Send the 'version' you read, so that no one else's change is overwritten.");
        }
        return Json.of(articles.update(slug, source(input, slug), input.version()));
    }

    @DELETE
    @Path("articles/{slug}")
    public Response delete(@PathParam("slug") String slug) {
        editor();
        articles.delete(slug);
        return Response.noContent().build();
    }

    private ArticleSource source(Input input, String slug) {
        if (input == null) {
            throw new BadRequestException("Send the article as a JSON object.");
        }
        Map<String, Object> fields = new HashMap<>();
        fields.put("slug", slug);
        fields.put("title", input.title());
        fields.put("summary", input.summary());
        fields.put("tags", input.tags());
        fields.put("author", input.author());
        fields.put("status", input.status());
        fields.put("published", input.published());
        fields.put("path", input.path());
        try {
            return new ContentParser(renderer).build(null, fields, input.markdown() == null ? "" : input.markdown(),
                    null, Instant.now());
        } catch (ContentException e) {
            throw new BadRequestException("The article cannot be saved: " + e.getMessage() + ".");
        }
    }

    private Account editor() {
        Account me = caller.account().orElseThrow(() -> new NotAuthorizedException("Log in first.", "Session"));
        if (!me.isModerator()) {
            throw new ForbiddenException("Only editors and administrators change articles.");
        }
        return me;
    }
}
