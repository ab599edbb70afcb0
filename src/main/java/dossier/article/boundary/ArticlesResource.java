package dossier.article.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.account.boundary.Caller;
import dossier.account.entity.Account;
import dossier.article.control.ArticleSource;
import dossier.article.control.ContentException;
import dossier.article.control.ContentParser;
import dossier.article.control.MarkdownExport;
import dossier.article.entity.Article;
import dossier.article.entity.Revision;
import dossier.article.entity.Slugs;
import dossier.article.entity.Status;
import dossier.markdown.control.MarkdownRenderer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Articles as JSON: anyone reads what is published; editors and administrators create, change and delete.
 * Rooted at {@code api} like the other API resources, so that JAX-RS considers all of them for a path
 * (a longer root path here would hide {@code /api/articles/{slug}/comments}).
 */
@Path("api")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Articles", description = "Articles, their revisions, the content files and the preview of Markdown.")
public class ArticlesResource {

    /**
     * An article as a client sends it; {@code version} is the one it read, for {@code PUT}. The constraints are the
     * API's rules, checked by Bean Validation before anything is read or written, and answered with a problem
     * document that names each refused field. What also holds for content files (the alias path, the date, a title
     * from the first heading) stays with {@link ContentParser}, the one place those rules are written.
     */
    @Schema(name = "ArticleInput", description = "An article as a client sends it. For PUT, `version` is the one the"
            + " client read; a `slug` other than the address's renames the article. `status`: draft, published or"
            + " unpublished; `published`: an ISO-8601 time (one to come schedules the article).")
    public record Input(
            @NotBlank(groups = Creation.class, message = "A new article needs a slug, its address, such as grid-storage.")
            @Size(max = Slugs.MAX_LENGTH, message = "The slug may have at most {max} characters.")
            @Pattern(regexp = "|" + Slugs.PATTERN,
                    message = "The slug may have lower-case letters a to z, digits and single hyphens between them, such as grid-storage.")
            String slug,
            @Size(max = Article.TITLE_LENGTH, message = "The title may have at most {max} characters.")
            String title,
            @Size(max = Article.SUMMARY_LENGTH, message = "The summary may have at most {max} characters.")
            String summary,
            List<String> tags,
            @Size(max = Article.AUTHOR_LENGTH, message = "The author may have at most {max} characters.")
            String author,
            @Pattern(regexp = Status.NAMES, flags = Pattern.Flag.CASE_INSENSITIVE,
                    message = "The status must be draft, published or unpublished.")
            String status,
            String published,
            String path,
            String markdown,
            @NotNull(groups = Change.class, message = "Send the version you read, so that no one else's change is overwritten.")
            Integer version,
            @Size(max = Revision.MESSAGE_LENGTH, message = "The message may have at most {max} characters.")
            String message) {
    }

    /**
     * The rule of a new article ({@code POST}): a slug. Like {@link Change}, checked once the caller is known to be an
     * editor, so that a reader or a stranger is told 403 or 401 whatever the body.
     */
    public interface Creation {
    }

    /** The rule of a change ({@code PUT}): the version the client read. */
    public interface Change {
    }

    /** Markdown to preview. */
    @Schema(name = "PreviewInput", description = "Markdown to render.")
    public record Preview(String markdown) {
    }

    /** The HTML of a preview. */
    @Schema(name = "Rendered", description = "The HTML the article page would show for the Markdown, sanitized.")
    public record Rendered(String html) {
    }

    /** A change kept as a draft beside the live article: the revision that holds it, and the live article. */
    @Schema(name = "StagedChange", description = "A draft saved over a live article: the revision that holds it"
            + " (`staged`) and the article as readers still see it.")
    public record Staged(int staged, Json article) {
    }

    /** One revision of an article, as the list of revisions shows it. */
    @Schema(name = "Revision", description = "One saved revision: who, when, why, from where (editor, api, file), and"
            + " whether it is the one readers see.")
    public record RevisionJson(int number, String editor, String origin, String message, String created, boolean live) {
        static RevisionJson of(Revision r) {
            return new RevisionJson(r.number(), r.editor(), r.origin().name().toLowerCase(Locale.ROOT), r.message(),
                    r.createdAt().toString(), r.isApplied());
        }
    }

    private static final String NO_ARTICLE = "Send the article as a JSON object.";

    /** An article as a client reads it. */
    @Schema(name = "Article", description = "An article as a client reads it: its front matter, its Markdown and the"
            + " HTML rendered from it, and the `version` a change must name.")
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
    Edits edits;

    @Inject
    Caller caller;

    @Inject
    MarkdownRenderer renderer;

    @Inject
    ContentImport contentImport;

    @Inject
    Validator validator;

    /** Articles per page of the list: each carries its whole Markdown and HTML. */
    static final int MAX_LIST = 100;

    /**
     * A page of the articles the caller may read (editors: all of them), newest first. {@code X-Total-Count}
     * says how many there are, and {@code Link} headers lead to the next and previous pages.
     */
    @GET
    @Path("articles")
    @Operation(operationId = "listArticles", summary = "List articles",
            description = "The articles the caller may read (editors: all of them, drafts too), newest first, a page at a time.")
    @APIResponse(responseCode = "200", description = "A page of articles.",
            headers = {@Header(name = "X-Total-Count", description = "How many articles there are in all.",
                    schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "Link", description = "The next and previous pages (rel=\"next\", rel=\"prev\").",
                            schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, extensions = @Extension(name = ApiContract.ARRAY_OF, value = "Article"))))
    public Response list(@Parameter(description = "The page, from 1.") @QueryParam("page") @DefaultValue("1") int page,
                         @Parameter(description = "Articles per page, at most " + MAX_LIST + ".")
                         @QueryParam("limit") @DefaultValue("" + MAX_LIST) int limit) {
        int size = Math.max(1, Math.min(limit, MAX_LIST));
        Articles.Slice slice = caller.isEditor() ? articles.everything(page, size)
                : articles.latest(page, size, Instant.now());
        Response.ResponseBuilder answer = Response.ok(slice.articles().stream().map(Json::of).toList())
                .header("X-Total-Count", slice.total());
        if (slice.hasOlder()) {
            answer.link("/api/articles?page=" + (slice.page() + 1) + "&limit=" + size, "next");
        }
        if (slice.hasNewer()) {
            answer.link("/api/articles?page=" + (slice.page() - 1) + "&limit=" + size, "prev");
        }
        return answer.build();
    }

    @GET
    @Path("articles/{slug}")
    @Operation(operationId = "getArticle", summary = "Read an article",
            description = "A published article; editors also read drafts and articles yet to come.")
    @APIResponse(responseCode = "200", description = "The article.", content = @Content(schema = @Schema(ref = "Article")))
    public Json one(@PathParam("slug") String slug) {
        Article article = articles.bySlug(slug).filter(a -> caller.isEditor() || a.isVisibleAt(Instant.now()))
                .orElseThrow(NotFoundException::new);
        return Json.of(article);
    }

    /**
     * A new article; {@code status} "draft" keeps it from readers, "published" with a {@code published} time
     * to come schedules it. Answers 201 with the article.
     */
    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("articles")
    @Operation(operationId = "createArticle", summary = "Create an article", description = "Editors only. The new"
            + " article's first revision; `status` draft keeps it from readers, and a `published` time to come schedules it.")
    @SecurityRequirement(name = ApiContract.TOKEN)
    @SecurityRequirement(name = ApiContract.SESSION)
    @APIResponse(responseCode = "201", description = "The article, at the address in `Location`.",
            headers = @Header(name = "Location", description = "The article's address in the API.", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(ref = "Article")))
    @APIResponse(responseCode = "409", description = "The slug, or the alias path, belongs to another article.")
    public Response create(@NotNull(message = NO_ARTICLE) @Valid Input input) {
        Account me = caller.me();
        require(input, Creation.class);
        Edits.Saved saved = edits.save(null, source(input, input.slug(), Instant.now()), null,
                me.username(), Revision.Origin.API, input.message());
        Article created = saved.article();
        return Response.created(URI.create("/api/articles/" + created.slug())).entity(Json.of(created)).build();
    }

    /**
     * A change, accepted against the {@code version} the client read (409 otherwise). A {@code slug} other than
     * the one in the address renames the article, and the old address redirects. "draft" over a live article
     * stages the change without touching the live page; "unpublished" takes the article off the site (410).
     */
    @RolesAllowed(Roles.EDITOR)
    @PUT
    @Path("articles/{slug}")
    @Operation(operationId = "updateArticle", summary = "Change an article", description = "Editors only. Accepted"
            + " against the `version` the client read. A `slug` other than the address's renames the article (the old"
            + " address redirects); `status` draft over a live article stages the change without touching the live"
            + " page; unpublished takes the article off the site.")
    @SecurityRequirement(name = ApiContract.TOKEN)
    @SecurityRequirement(name = ApiContract.SESSION)
    @APIResponse(responseCode = "200", description = "The article as saved, or, for a staged change, the revision that"
            + " holds it beside the live article.",
            content = @Content(schema = @Schema(extensions = @Extension(name = ApiContract.ONE_OF, value = "Article StagedChange"))))
    @APIResponse(responseCode = "409", description = "Someone saved a newer version first (load it again and repeat the"
            + " change), or the new slug or alias path belongs to another article.")
    public Response update(@PathParam("slug") String slug,
                           @NotNull(message = NO_ARTICLE) @Valid Input input) {
        Account me = caller.me();
        require(input, Change.class);
        String target = input.slug() == null || input.slug().isBlank() ? slug : input.slug();
        // A change that does not name a publication time keeps the article's own, rather than re-dating it to now.
        Instant published = articles.bySlug(slug).map(Article::publishedAt).orElseGet(Instant::now);
        Edits.Saved saved = edits.save(slug, source(input, target, published), input.version(), me.username(),
                Revision.Origin.API, input.message());
        Json json = Json.of(saved.article());
        return Response.ok(saved.staged() ? new Staged(saved.revision().number(), json) : json).build();
    }

    @RolesAllowed(Roles.EDITOR)
    @DELETE
    @Path("articles/{slug}")
    @Operation(operationId = "deleteArticle", summary = "Delete an article", description = "Editors only. The article,"
            + " its revisions and its discussion.")
    @SecurityRequirement(name = ApiContract.TOKEN)
    @SecurityRequirement(name = ApiContract.SESSION)
    @APIResponse(responseCode = "204", description = "Deleted.")
    public Response delete(@PathParam("slug") String slug) {
        Account me = caller.me();
        edits.delete(slug, me.username());
        return Response.noContent().build();
    }

    /** The revisions of an article, newest first. */
    @RolesAllowed(Roles.EDITOR)
    @GET
    @Path("articles/{slug}/revisions")
    @Operation(operationId = "listRevisions", summary = "List an article's revisions", description = "Editors only.")
    @SecurityRequirement(name = ApiContract.TOKEN)
    @SecurityRequirement(name = ApiContract.SESSION)
    @APIResponse(responseCode = "200", description = "The revisions, newest first.",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, extensions = @Extension(name = ApiContract.ARRAY_OF, value = "Revision"))))
    public List<RevisionJson> revisions(@PathParam("slug") String slug) {
        Article article = articles.bySlug(slug).orElseThrow(NotFoundException::new);
        return edits.revisions(article).stream().map(RevisionJson::of).toList();
    }

    /** One article as a content file, front matter and Markdown. */
    @RolesAllowed(Roles.EDITOR)
    @GET
    @Path("articles/{slug}/export")
    @Produces(MediaType.WILDCARD) // whatever the client accepts, a refusal is a 401/403, not a 406
    @Operation(operationId = "exportArticle", summary = "Export an article as a content file",
            description = "Editors only. Front matter and Markdown, as a file that imports back into the content folder.")
    @SecurityRequirement(name = ApiContract.TOKEN)
    @SecurityRequirement(name = ApiContract.SESSION)
    @APIResponse(responseCode = "200", description = "The content file, as an attachment.",
            content = @Content(mediaType = "text/markdown", schema = @Schema(implementation = String.class)))
    public Response exportOne(@PathParam("slug") String slug) {
        Article article = articles.bySlug(slug).orElseThrow(NotFoundException::new);
        return Response.ok(MarkdownExport.file(article.snapshot()), "text/markdown;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + MarkdownExport.fileName(article.snapshot()) + "\"")
                .build();
    }

    /** Every article as content files in one zip archive. */
    @RolesAllowed(Roles.EDITOR)
    @GET
    @Path("export")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "exportArticles", summary = "Export every article",
            description = "Editors only. Every article, drafts included, as content files in one zip archive.")
    @SecurityRequirement(name = ApiContract.TOKEN)
    @SecurityRequirement(name = ApiContract.SESSION)
    @APIResponse(responseCode = "200", description = "The zip archive, as an attachment.",
            content = @Content(mediaType = "application/zip", schema = @Schema(implementation = String.class, format = "binary")))
    public Response exportAll() {
        return export(articles);
    }

    /** The zip of every article, for this resource and the admin page. */
    static Response export(Articles articles) {
        List<dossier.article.entity.Revision.Snapshot> all = articles.all().stream().map(Article::snapshot).toList();
        jakarta.ws.rs.core.StreamingOutput body = out -> MarkdownExport.zip(all, out);
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"dossier-articles-"
                        + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".zip\"")
                .build();
    }

    /** A sync of the content folder; with {@code dryRun=true}, what it would change. */
    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("sync")
    @Operation(operationId = "syncContent", summary = "Sync the content folder", description = "Editors only. Imports"
            + " the content folder's files that changed; an article changed through the site since its last import is"
            + " not overwritten (a conflict).")
    @SecurityRequirement(name = ApiContract.TOKEN)
    @SecurityRequirement(name = ApiContract.SESSION)
    @APIResponse(responseCode = "200", description = "What the sync changed, or, for a dry run, would change.",
            content = @Content(schema = @Schema(ref = "SyncReport")))
    public ContentImport.Report sync(@Parameter(description = "true: only say what a sync would change.")
                                     @jakarta.ws.rs.QueryParam("dryRun") boolean dryRun) {
        return contentImport.sync(dryRun);
    }

    /** The HTML the article page would show for this Markdown: the editor's live preview. */
    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("preview")
    @Operation(operationId = "previewMarkdown", summary = "Preview Markdown",
            description = "Editors only. The HTML the article page would show for this Markdown: the editor's live preview.")
    @SecurityRequirement(name = ApiContract.TOKEN)
    @SecurityRequirement(name = ApiContract.SESSION)
    @APIResponse(responseCode = "200", description = "The rendered HTML.", content = @Content(schema = @Schema(ref = "Rendered")))
    public Rendered preview(Preview input) {
        String markdown = input == null || input.markdown() == null ? "" : input.markdown();
        return new Rendered(renderer.render(markdown).html());
    }

    /** The article as the input describes it; {@code published} when the input names no publication time. */
    private ArticleSource source(Input input, String slug, Instant published) {
        Map<String, Object> fields = ContentParser.fields(input.title(), slug, input.summary(), input.tags(), input.author(),
                input.published(), input.status(), input.path());
        try {
            return new ContentParser(renderer).build(null, fields, input.markdown() == null ? "" : input.markdown(),
                    null, published);
        } catch (ContentException e) {
            throw new BadRequestException("The article cannot be saved: " + e.getMessage() + ".");
        }
    }

    /** The rules of this operation ({@link Creation}, {@link Change}), written once on {@link Input}. */
    private void require(Input input, Class<?> operation) {
        Set<ConstraintViolation<Input>> broken = validator.validate(input, operation);
        if (!broken.isEmpty()) {
            throw new ConstraintViolationException(broken);
        }
    }
}
