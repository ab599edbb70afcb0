package dossier.mail.boundary;

import dossier.mail.entity.Mail;
import dossier.site.control.Roles;
import dossier.site.control.Templates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Locale;

/**
 * The outbox for administrators: whether a mail server is configured, what waits, what was given up (with the
 * server's last answer) and what was sent. A failed mail can be tried again. Bodies are not shown: they hold
 * single-use links meant for their recipients.
 */
@RolesAllowed(Roles.ADMIN)
@Path("admin/mail")
@RequestScoped
public class MailPage {

    static final int SHOWN = 100;

    @Inject
    Outbox outbox;

    @Inject
    MailSender sender;

    @Inject
    Templates templates;

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public String show(@QueryParam("status") String status) {
        Mail.Status only = null;
        if (status != null) {
            try {
                only = Mail.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                only = null;
            }
        }
        return templates.render(new MailOutboxView(outbox.serverConfigured(), outbox.count(Mail.Status.PENDING),
                outbox.count(Mail.Status.FAILED), outbox.count(Mail.Status.SENT),
                only == null ? "" : only.name().toLowerCase(Locale.ROOT), outbox.latest(only, SHOWN)));
    }

    /** A failed mail waits again, due at once, with its attempts counted anew. */
    @POST
    @Path("{id}/retry")
    public Response retry(@PathParam("id") long id) {
        if (!sender.retry(id)) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return Response.seeOther(URI.create("/admin/mail?status=pending")).build();
    }
}
