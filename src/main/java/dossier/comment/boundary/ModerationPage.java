package dossier.comment.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.account.boundary.Caller;
import dossier.audit.boundary.AuditLog;
import dossier.markdown.control.MarkdownRenderer;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The moderators' queue: comments held for approval, open reports, and the latest moderation actions. */
@RolesAllowed(Roles.EDITOR)
@Path("admin/comments")
@RequestScoped
public class ModerationPage {

    static final int AUDIT_LINES = 50;

    @Inject
    Moderation moderation;

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
        return templates.render(ModerationView.of(moderation.pending(), moderation.openReports(), audit.recent(AUDIT_LINES),
                renderer));
    }
}
