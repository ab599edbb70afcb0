package dossier.comment.boundary;

import dossier.account.boundary.Caller;
import dossier.audit.boundary.AuditLog;
import dossier.markdown.control.MarkdownRenderer;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Map;

/** The moderators' queue: comments held for approval, open reports, and the latest moderation actions. */
@Path("admin/comments")
@RequestScoped
public class ModerationPage {

    static final int AUDIT_LINES = 50;

    @Inject
    Comments comments;

    @Inject
    AuditLog audit;

    @Inject
    Caller caller;

    @Inject
    MarkdownRenderer renderer;

    @Inject
    Templates templates;

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public String queue() {
        if (!caller.isLoggedIn()) {
            throw new WebApplicationException(Response.seeOther(URI.create("/login?return=%2Fadmin%2Fcomments")).build());
        }
        if (!caller.isModerator()) {
            throw new ForbiddenException("The moderation queue is for editors and administrators.");
        }
        return templates.render("moderation.jte", Map.of("pending", comments.pending(), "reports", comments.openReports(),
                "audit", audit.recent(AUDIT_LINES), "renderer", renderer));
    }
}
