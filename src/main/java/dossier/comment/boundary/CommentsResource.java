package dossier.comment.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.account.boundary.Caller;
import dossier.account.entity.Account;
import dossier.article.boundary.Articles;
import dossier.article.entity.Article;
import dossier.comment.control.CommentThread;
import dossier.comment.entity.Comment;
import dossier.markdown.control.MarkdownRenderer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
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

/** The discussion as JSON. The author is the caller; a request body never names one. */
@Path("api")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommentsResource {

    /**
     * What a client sends: the Markdown text and, for a reply, the comment it answers. The rules of a comment's text
     * are written here once, for the API (checked by Bean Validation) and the comment forms (through the validator).
     */
    public record Draft(
            @NotBlank(message = "The comment is empty.")
            @Size(max = Comment.MAX_LENGTH, message = "A comment may have at most {max} characters.")
            String body,
            Long parentId) {
    }

    private static final String NO_DRAFT = "Send the comment as a JSON object with its text in \"body\".";

    /**
     * What a client reads. A comment the caller may not read (deleted, hidden, or waiting for a moderator) keeps
     * its place in the thread, so that replies stay under it, and says nothing else: no author, no time.
     */
    public record Json(long id, Long parentId, String author, String authorName, String html, String status, Instant created,
                       Instant edited) {
        static Json of(CommentView v) {
            if (v.html() == null) {
                return new Json(v.id(), v.parentId(), null, null, null, "removed", null, null);
            }
            return new Json(v.id(), v.parentId(), v.author(), v.byline(), v.html(), v.status().toLowerCase(), v.created(), v.edited());
        }
    }

    @Inject
    Comments comments;

    @Inject
    Articles articles;

    @Inject
    Caller caller;

    @Inject
    MarkdownRenderer renderer;

    @GET
    @Path("articles/{slug}/comments")
    public Response thread(@PathParam("slug") String slug, @QueryParam("page") @DefaultValue("1") int page) {
        Article article = article(slug);
        Account me = caller.account().orElse(null);
        boolean moderator = caller.isEditor();
        // Pages of whole threads, as the article page shows them, so no answer grows with the discussion.
        CommentThread.Page shown = CommentThread.of(comments.of(article), false, page);
        Response.ResponseBuilder answer = Response.ok(shown.entries().stream()
                .map(e -> Json.of(CommentSection.view(e.comment(), e.indent(), e.inReplyTo(), article, me, moderator, renderer)))
                .toList());
        String self = "/api/articles/" + java.net.URLEncoder.encode(slug, java.nio.charset.StandardCharsets.UTF_8) + "/comments?page=";
        if (shown.page() < shown.pages()) {
            answer.link(self + (shown.page() + 1), "next");
        }
        if (shown.page() > 1) {
            answer.link(self + (shown.page() - 1), "prev");
        }
        return answer.build();
    }

    @RolesAllowed(Roles.READER)
    @POST
    @Path("articles/{slug}/comments")
    public Response post(@PathParam("slug") String slug, @NotNull(message = NO_DRAFT) @Valid Draft draft) {
        Account me = me();
        Article article = article(slug);
        Comment comment = comments.post(article, me, draft.body(), draft.parentId());
        return Response.created(URI.create("/articles/" + slug + "#comment-" + comment.id())).entity(json(comment, article, me)).build();
    }

    @RolesAllowed(Roles.READER)
    @PUT
    @Path("comments/{id: [0-9]+}")
    public Json edit(@PathParam("id") long id, @NotNull(message = NO_DRAFT) @Valid Draft draft) {
        Account me = me();
        Comment comment = comments.edit(id, me, draft.body());
        return json(comment, comment.article(), me);
    }

    @RolesAllowed(Roles.ANY_ACCOUNT)
    @DELETE
    @Path("comments/{id: [0-9]+}")
    public Response delete(@PathParam("id") long id) {
        comments.delete(id, me());
        return Response.noContent().build();
    }

    private Json json(Comment c, Article article, Account me) {
        return Json.of(CommentSection.view(c, 0, null, article, me, me.isEditor(), renderer));
    }

    private Article article(String slug) {
        return articles.visible(slug, Instant.now()).orElseThrow(NotFoundException::new);
    }

    private Account me() {
        return caller.me();
    }
}
