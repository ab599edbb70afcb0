package dossier.article.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.account.boundary.Caller;
import dossier.account.entity.Account;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The content folder against the database: a dry run of what a sync would change, the sync itself, and the
 * conflicts between files changed on disk and articles edited in the browser, with a decision for each.
 */
@RolesAllowed(Roles.EDITOR)
@Path("admin/sync")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class SyncPage {

    @Inject
    ContentImport contentImport;

    @Inject
    SyncConflicts conflicts;

    @Inject
    Caller caller;

    @Inject
    Templates templates;

    @GET
    public String show(@QueryParam("dry-run") boolean dryRun) {
        return page(dryRun ? contentImport.sync(true) : null);
    }

    @POST
    public String sync() {
        return page(contentImport.sync(false));
    }

    @POST
    @Path("{article}/take-file")
    public Response takeFile(@PathParam("article") long articleId) {
        Account me = caller.me();
        var conflict = conflicts.all().stream().filter(c -> c.article().id() == articleId).findFirst()
                .orElseThrow(() -> new ClientErrorException("That conflict was settled already.", 409));
        try {
            conflicts.takeFile(articleId, contentImport.reread(conflict.sourcePath()), me.username());
        } catch (IllegalStateException e) {
            throw new ClientErrorException(e.getMessage(), 409);
        }
        return Response.seeOther(URI.create("/admin/sync")).build();
    }

    @POST
    @Path("{article}/keep")
    public Response keep(@PathParam("article") long articleId) {
        Account me = caller.me();
        conflicts.keepBrowserVersion(articleId, me.username());
        return Response.seeOther(URI.create("/admin/sync")).build();
    }

    private String page(ContentImport.Report report) {
        return templates.render(new SyncView(report, conflicts.all(), String.valueOf(contentImport.folder())));
    }
}
