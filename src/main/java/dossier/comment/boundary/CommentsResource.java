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
import dossier.site.boundary.ApiContract;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;

/** The discussion as JSON. The author is the caller; a request body never names one. */
@Path("api")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Comments", description = "The discussion under each article.")
public class CommentsResource {

    /**
     * What a client sends: the Markdown text and, for a reply, the comment it answers. The rules of a comment's text
     * are written here once, for the API (checked by Bean Validation) and the comment forms (through the validator).
     */
    @Schema(name = "CommentDraft", description = "A comment's Markdown text and, for a reply, the id of the comment it"
            + " answers (under the same article).")
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
    @Schema(name = "Comment", description = "A comment as the caller may see it (`created`, `edited`: ISO-8601 times)."
            + " One the caller may not read (deleted, hidden, or waiting for a moderator) keeps its place in the thread with"
            + " status \"removed\" and nothing else.")
    public record Json(long id, Long parentId, String author, String authorName, String html, String status, String created,
                       String edited) {
        static Json of(CommentView v) {
            if (v.html() == null) {
                return new Json(v.id(), v.parentId(), null, null, null, "removed", null, null);
            }
            return new Json(v.id(), v.parentId(), v.author(), v.byline(), v.html(), v.status().toLowerCase(), iso(v.created()),
                    iso(v.edited()));
        }

        /** A time as ISO-8601 text, as the articles' times are written (and as JSON-B wrote an Instant). */
        private static String iso(Instant time) {
            return time == null ? null : time.toString();
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
    @Operation(operationId = "listComments", summary = "Read an article's discussion",
            description = "The comments of a published article in thread order, a page of whole threads at a time.")
    @APIResponse(responseCode = "200", description = "A page of the thread.",
            headers = @Header(name = "Link", description = "The next and previous pages (rel=\"next\", rel=\"prev\").",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, extensions = @Extension(name = ApiContract.ARRAY_OF, value = "Comment"))))
    public Response thread(@PathParam("slug") String slug,
                           @Parameter(description = "The page, from 1.") @QueryParam("page") @DefaultValue("1") int page) {
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
    @Operation(operationId = "postComment", summary = "Comment on an article",
            description = "Readers (not banned, with a confirmed address when the site asks for one). The author is the caller.")
    @SecurityRequirement(name = ApiContract.TOKEN)
    @SecurityRequirement(name = ApiContract.SESSION)
    @APIResponse(responseCode = "201", description = "The comment; `Location` is its place on the article's page.",
            headers = @Header(name = "Location", description = "The comment on the article's page.", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(ref = "Comment")))
    @APIResponse(responseCode = "429", description = "Too many posts and edits in the last minute (moderators are not limited).",
            headers = @Header(name = "Retry-After", description = "Seconds to wait.", schema = @Schema(type = SchemaType.INTEGER)))
    public Response post(@PathParam("slug") String slug, @NotNull(message = NO_DRAFT) @Valid Draft draft) {
        Account me = me();
        Article article = article(slug);
        Comment comment = comments.post(article, me, draft.body(), draft.parentId());
        return Response.created(URI.create("/articles/" + slug + "#comment-" + comment.id())).entity(json(comment, article, me)).build();
    }

    @RolesAllowed(Roles.READER)
    @PUT
    @Path("comments/{id: [0-9]+}")
    @Operation(operationId = "editComment", summary = "Change a comment", description = "Its author only.")
    @SecurityRequirement(name = ApiContract.TOKEN)
    @SecurityRequirement(name = ApiContract.SESSION)
    @APIResponse(responseCode = "200", description = "The comment as changed.", content = @Content(schema = @Schema(ref = "Comment")))
    @APIResponse(responseCode = "409", description = "The comment was deleted.")
    @APIResponse(responseCode = "429", description = "Too many posts and edits in the last minute (moderators are not limited).",
            headers = @Header(name = "Retry-After", description = "Seconds to wait.", schema = @Schema(type = SchemaType.INTEGER)))
    public Json edit(@PathParam("id") long id, @NotNull(message = NO_DRAFT) @Valid Draft draft) {
        Account me = me();
        Comment comment = comments.edit(id, me, draft.body());
        return json(comment, comment.article(), me);
    }

    @RolesAllowed(Roles.ANY_ACCOUNT)
    @DELETE
    @Path("comments/{id: [0-9]+}")
    @Operation(operationId = "deleteComment", summary = "Delete a comment", description = "Its author, or a moderator."
            + " Replies stay in the thread under it.")
    @SecurityRequirement(name = ApiContract.TOKEN)
    @SecurityRequirement(name = ApiContract.SESSION)
    @APIResponse(responseCode = "204", description = "Deleted.")
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
