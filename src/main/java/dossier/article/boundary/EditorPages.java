package dossier.article.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.account.boundary.Caller;
import dossier.account.entity.Account;
import dossier.article.control.ArticleSource;
import dossier.article.control.ContentException;
import dossier.article.control.ContentParser;
import dossier.article.control.LineDiff;
import dossier.article.control.MarkdownExport;
import dossier.article.entity.Article;
import dossier.article.entity.Revision;
import dossier.article.entity.Status;
import dossier.markdown.control.MarkdownRenderer;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;

/**
 * The editors' pages: writing and changing an article with a preview, its history with diffs and restores,
 * publishing, scheduling and unpublishing. Editors and administrators only: a reader gets 403, an anonymous
 * visitor is sent to log in.
 */
@RolesAllowed(Roles.EDITOR)
@Path("")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class EditorPages {


    @Inject
    Articles articles;

    @Inject
    Edits edits;

    @Inject
    SyncConflicts conflicts;

    @Inject
    Caller caller;

    @Inject
    Templates templates;

    @Inject
    MarkdownRenderer renderer;

    @GET
    @Path("new")
    public String newArticle() {
        return editor(null, EditorForm.empty(), null, null, null, 200).getEntity().toString();
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("action") String action, @jakarta.ws.rs.BeanParam EditorForm.Fields fields) {
        return save(null, action, fields.form());
    }

    @GET
    @Path("articles/{slug}/edit")
    public Response edit(@PathParam("slug") String slug, @QueryParam("saved") Integer saved) {
        Article article = articleOrRedirect(slug, "/edit");
        Revision.Snapshot shown = article.snapshot();
        String note = saved == null ? null : "Saved as revision " + saved + ".";
        if (article.stagedRevision() != null) {
            Revision staged = edits.revision(article, article.stagedRevision()).orElseThrow();
            shown = staged.snapshot();
            note = (note == null ? "" : note + " ") + "You are editing the unpublished draft saved as revision " + staged.number() + " by " + staged.editor()
                    + ". Readers see the live version until you publish.";
        }
        return editor(article, EditorForm.of(shown, article.version(), Instant.now()), null, note, null, 200);
    }

    @POST
    @Path("articles/{slug}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("slug") String slug, @FormParam("action") String action,
                           @jakarta.ws.rs.BeanParam EditorForm.Fields fields) {
        return save(slug, action, fields.form());
    }

    private Response save(String slug, String action, EditorForm form) {
        Account me = caller.me();
        Article current = slug == null ? null : articleOrRedirect(slug, "/edit");
        String act = action == null ? "draft" : action;
        if ("preview".equals(act)) {
            return editor(current, form, null, null, renderer.render(form.markdown()).html(), 200);
        }
        if (!"draft".equals(act) && !"publish".equals(act)) {
            throw new BadRequestException("Choose “Save draft”, “Publish” or “Preview”.");
        }
        try {
            ArticleSource source = form.source("publish".equals(act) ? Status.PUBLISHED : Status.DRAFT,
                    current == null ? null : current.slug(), renderer);
            if (current != null) {
                source = source.importedFrom(current.sourcePath(), current.sourceHash());
            }
            Edits.Saved saved = edits.save(slug, source, form.version(), me.username(), Revision.Origin.BROWSER,
                    form.message());
            String where = "/articles/" + saved.article().slug() + (saved.staged() || !saved.article().isLive() ? "/edit?saved="
                    + saved.revision().number() : "");
            return Response.seeOther(URI.create(where)).build();
        } catch (Edits.StaleEdit stale) {
            LineDiff.Result diff = LineDiff.of(stale.currentMarkdown(), form.markdown());
            return editor(current, form.withVersion(stale.currentVersion()), stale.getMessage()
                    + " Saving again replaces the current version with yours.", null, null, 409, diff);
        } catch (jakarta.persistence.OptimisticLockException e) {
            // Two saves of the same version at the same moment: the other one was committed first.
            Article now = articles.bySlug(current.slug()).orElseThrow(NotFoundException::new);
            LineDiff.Result diff = LineDiff.of(now.markdown(), form.markdown());
            return editor(now, form.withVersion(now.version()), "The article was changed by someone else at the same"
                    + " moment, and their save came first. Your text is kept below; saving again replaces theirs with yours.",
                    null, null, 409, diff);
        } catch (ContentException e) {
            return editor(current, form, "The article cannot be saved: " + e.getMessage() + ".", null, null, 400);
        } catch (ClientErrorException e) {
            int status = e.getResponse().getStatus();
            return editor(current, form, e.getMessage(), null, null, status);
        }
    }

    @POST
    @Path("articles/{slug}/unpublish")
    public Response unpublish(@PathParam("slug") String slug, @FormParam("version") Integer version) {
        Account me = caller.me();
        edits.unpublish(slug, version, me.username());
        return Response.seeOther(URI.create("/articles/" + slug + "/edit")).build();
    }

    @POST
    @Path("articles/{slug}/discard")
    public Response discard(@PathParam("slug") String slug) {
        Account me = caller.me();
        edits.discardStaged(slug, me.username());
        return Response.seeOther(URI.create("/articles/" + slug + "/edit")).build();
    }

    @POST
    @Path("articles/{slug}/delete")
    public Response delete(@PathParam("slug") String slug, @FormParam("confirm") String confirm) {
        Account me = caller.me();
        if (!slug.equals(confirm)) {
            throw new BadRequestException("To delete the article, type its slug “" + slug + "” in the box.");
        }
        edits.delete(slug, me.username());
        return Response.seeOther(URI.create("/admin/articles")).build();
    }

    @GET
    @Path("articles/{slug}/history")
    public Response history(@PathParam("slug") String slug) {
        Article article = articleOrRedirect(slug, "/history");
        return Response.ok(templates.render(new HistoryView(article, edits.revisions(article),
                articles.redirectsTo(article)))).build();
    }

    /** A line diff of any two revisions, front matter included (a changed title or slug shows too). */
    @GET
    @Path("articles/{slug}/diff")
    public Response diff(@PathParam("slug") String slug, @QueryParam("from") int from, @QueryParam("to") int to) {
        Article article = articleOrRedirect(slug, "/diff");
        Revision a = edits.revision(article, from).orElseThrow(() -> new NotFoundException("There is no revision " + from + "."));
        Revision b = edits.revision(article, to).orElseThrow(() -> new NotFoundException("There is no revision " + to + "."));
        LineDiff.Result diff = LineDiff.of(MarkdownExport.file(a.snapshot()), MarkdownExport.file(b.snapshot()));
        return Response.ok(templates.render(new DiffView(article, a, b, diff))).build();
    }

    @POST
    @Path("articles/{slug}/revisions/{number}/restore")
    public Response restore(@PathParam("slug") String slug, @PathParam("number") int number) {
        Account me = caller.me();
        ContentParser parser = new ContentParser(renderer);
        Edits.Saved saved = edits.restore(slug, number, me.username(), snapshot -> {
            try {
                return parser.fromSnapshot(snapshot);
            } catch (ContentException e) {
                throw new BadRequestException("Revision " + number + " cannot be restored: " + e.getMessage() + ".");
            }
        });
        return Response.seeOther(URI.create("/articles/" + saved.article().slug() + "/history")).build();
    }

    /** Every article, whatever its state, for editors to find drafts and scheduled pieces. */
    @GET
    @Path("admin/articles")
    public String all() {
        return templates.render(new AdminArticlesView(articles.all(), Instant.now(), conflicts.all().size()));
    }

    @GET
    @Path("admin/export.zip")
    @Produces(MediaType.WILDCARD) // a browser asks for text/html; a refusal must still be a 403 page, not a 406
    public Response export() {
        return ArticlesResource.export(articles);
    }

    /** Editors may read every article: an old slug leads to the same page under the current one. */
    private Article articleOrRedirect(String slug, String suffix) {
        return articles.readable(slug, suffix, a -> true);
    }

    private Response editor(Article article, EditorForm form, String error, String note, String preview, int status) {
        return editor(article, form, error, note, preview, status, null);
    }

    private Response editor(Article article, EditorForm form, String error, String note, String preview, int status,
                            LineDiff.Result conflict) {
        EditorView view = new EditorView(article, form, error, note, preview, conflict, Instant.now());
        return Response.status(status).entity(templates.render(view))
                .type(MediaType.TEXT_HTML + ";charset=utf-8").build();
    }

}
