package dossier.backup.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.account.boundary.Caller;
import dossier.account.entity.Account;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Administrators make an online backup of the embedded database here. */
@RolesAllowed(Roles.ADMIN)
@Path("admin/backup")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class BackupPage {


    @Inject
    Backups backups;

    @Inject
    Caller caller;

    @Inject
    Templates templates;

    @GET
    public String show() {
        return page(null);
    }

    @POST
    public String backUp() {
        Account me = caller.me();
        if (!backups.isSupported()) {
            throw new jakarta.ws.rs.ClientErrorException("This site runs on PostgreSQL: back it up with pg_dump (see the README).", 409);
        }
        return page(backups.backUp(me.username()).toString());
    }

    private String page(String made) {
        return templates.render(new BackupView(made, backups.isSupported(),
                backups.existing().stream().map(p -> p.getFileName().toString()).toList()));
    }
}
