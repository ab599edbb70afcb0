package dossier.backup.boundary;

import dossier.account.boundary.Caller;
import dossier.account.entity.Account;
import dossier.backup.control.Amounts;
import dossier.backup.control.BackupFolder;
import dossier.backup.control.BackupSchedule;
import dossier.site.control.Formats;
import dossier.site.control.Roles;
import dossier.site.control.Templates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Administrators see the backup schedule and the archives here, and make a backup now. */
@RolesAllowed(Roles.ADMIN)
@Path("admin/backup")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class BackupPage {

    private static final Logger LOG = Logger.getLogger(BackupPage.class.getName());

    @Inject
    Backups backups;

    @Inject
    BackupClock clock;

    @Inject
    Caller caller;

    @Inject
    Templates templates;

    @GET
    public String show() {
        return page(null, null);
    }

    /** Writes a backup now: the page again, saying where it went, or why it failed (with status 500). */
    @POST
    public Response backUp() {
        Account me = caller.me();
        if (!backups.isSupported()) {
            throw new ClientErrorException("This site runs on PostgreSQL: back it up with pg_dump (see the README).", 409);
        }
        try {
            BackupFolder.Archive made = backups.backUp(me.username());
            return Response.ok(page(made.name() + " (" + Amounts.size(made.bytes()) + ")", null)).build();
        } catch (Backups.Failed e) {
            LOG.log(Level.WARNING, "A backup asked for by " + me.username() + " failed: " + e.getMessage(), e);
            return Response.serverError().entity(page(null, e.getMessage())).build();
        }
    }

    private String page(String made, String failed) {
        BackupSchedule schedule = clock.schedule();
        Instant now = Instant.now();
        String next = clock.next().map(Formats::dateTime).orElse("");
        BackupClock.Outcome last = clock.last().orElse(null);
        String lastText = last == null ? "" : Formats.dateTime(last.at()) + " (" + Amounts.age(Duration.between(last.at(), now))
                + "): " + (last.succeeded() ? "written, " + last.detail() : "failed: " + last.detail());
        List<BackupView.Row> rows = backups.existing().stream().map(a -> new BackupView.Row(a.name(), Formats.dateTime(a.created()),
                Formats.iso(a.created()), a.kind().label(), Amounts.size(a.bytes()))).toList();
        return templates.render(new BackupView(backups.isSupported(), made, failed,
                schedule == null ? "off" : schedule.describe(), next, lastText, last != null && !last.succeeded(),
                schedule == null ? List.of() : schedule.problems(), rows, backups.folder().dir().toString()));
    }
}
