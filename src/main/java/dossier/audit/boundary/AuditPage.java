package dossier.audit.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;


/** Who created, edited, published, unpublished, renamed, deleted or moderated what, and when: newest first. */
@RolesAllowed(Roles.EDITOR)
@Path("admin/audit")
@RequestScoped
public class AuditPage {

    static final int PAGE_SIZE = 100;
    static final int MAX_PAGE = Integer.MAX_VALUE / PAGE_SIZE - 1;

    @Inject
    AuditLog audit;

    @Inject
    Templates templates;

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public String show(@QueryParam("page") @DefaultValue("1") int page, @QueryParam("target") String target) {
        // Bounded, so that the offset cannot overflow into a negative one (and the pager's page + 1 neither).
        int current = Math.min(Math.max(1, page), MAX_PAGE);
        String filter = target == null || target.isBlank() ? null : target.strip();
        var entries = audit.page((current - 1) * PAGE_SIZE, PAGE_SIZE + 1, filter);
        return templates.render(new AuditView(entries.subList(0, Math.min(PAGE_SIZE, entries.size())), current,
                entries.size() > PAGE_SIZE, filter == null ? "" : filter));
    }
}
