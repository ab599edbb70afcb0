package dossier.site.boundary;

import dossier.site.control.AdminPanel;
import dossier.site.control.Roles;
import dossier.site.control.Templates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code /admin}: one page with the state of every part of the site and the way to the page that manages it. */
@Path("admin")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
public class AdminPage {

    private static final Logger LOG = Logger.getLogger(AdminPage.class.getName());

    @Inject
    Instance<AdminPanel> panels;

    @Inject
    Templates templates;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String overview() {
        List<AdminPanel.State> parts = panels.stream().sorted(Comparator.comparingInt(AdminPanel::order))
                .map(AdminPage::read).toList();
        return templates.render(new AdminView(parts));
    }

    /** A part that cannot be read says so; the others are shown all the same. */
    private static AdminPanel.State read(AdminPanel panel) {
        try {
            return panel.state();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The overview could not read " + panel.getClass().getSimpleName(), e);
            return new AdminPanel.State(panel.getClass().getSimpleName().replace("Panel", ""), "/admin", List.of(),
                    "Its state could not be read: " + e.getClass().getSimpleName() + " (see the server log).");
        }
    }
}
