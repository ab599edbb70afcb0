package dossier.account.boundary;

import dossier.account.entity.Account;
import dossier.site.control.ReturnAddress;
import dossier.site.control.Roles;
import dossier.site.control.Templates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts for administrators: find them by the start of the username or the address, see their roles, whether
 * their address is confirmed, banned, when they joined and last logged in; give and take the editor and
 * administrator roles, send a link that sets a new password, delete. Bans are the moderators' own
 * ({@code /users/{name}/ban}); every action is audited where it is made.
 */
@RolesAllowed(Roles.ADMIN)
@Path("admin/users")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class AdminUsersPage {

    static final int MAX_QUERY = 100;
    static final int MAX_PAGE = 1_000;

    @Inject
    Accounts accounts;

    @Inject
    PasswordResets resets;

    @Inject
    Caller caller;

    @Inject
    Templates templates;

    @GET
    public Response list(@QueryParam("q") String query, @QueryParam("page") String page, @QueryParam("done") String done) {
        String notice = done == null ? "" : switch (done) {
            case "roles" -> "The roles are changed.";
            case "deleted" -> "The account is deleted.";
            default -> "";
        };
        return page(query, pageNumber(page), notice, "", "");
    }

    @POST
    @Path("{name}/roles")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response roles(@PathParam("name") String name, @FormParam("role") String role, @FormParam("grant") boolean grant,
                          @FormParam("return") String returnTo) {
        accounts.setRole(caller.me(), name, role, grant);
        return Response.seeOther(URI.create(withDone(returnTo, name, "roles"))).build();
    }

    @POST
    @Path("{name}/reset-link")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resetLink(@PathParam("name") String name) {
        Optional<String> link = resets.send(caller.me(), name, Instant.now());
        String notice = link.isPresent()
                ? "No mail can be sent: pass this link on to @" + name + " yourself, by a way only they read. It works once, for 30 minutes."
                : "A link that sets a new password is on its way to the address of @" + name + ". It works once, for 30 minutes.";
        return page(name, 1, notice, link.orElse(""), "");
    }

    /** Asks once more before an account is deleted (a page, no script). */
    @GET
    @Path("{name}/delete")
    public Response confirmDelete(@PathParam("name") String name) {
        Account account = existing(name);
        return page(account.username(), 1, "", "", account.username());
    }

    @POST
    @Path("{name}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("name") String name, @FormParam("removeComments") boolean removeComments) {
        Account me = caller.me();
        Account account = existing(name);
        if (account.id().equals(me.id())) {
            throw new ClientErrorException("Administrators do not delete their own account here.", 409);
        }
        accounts.deleteAccount(account, removeComments, me.username());
        return Response.seeOther(URI.create("/admin/users?done=deleted")).build();
    }

    private Account existing(String name) {
        return accounts.byUsername(name).filter(a -> !a.isDeleted()).orElseThrow(NotFoundException::new);
    }

    private Response page(String query, int page, String notice, String link, String confirmDelete) {
        String q = query == null ? "" : query.strip();
        if (q.length() > MAX_QUERY) {
            q = q.substring(0, MAX_QUERY);
        }
        List<Account> found = accounts.search(q, (page - 1) * Accounts.PAGE);
        boolean more = found.size() > Accounts.PAGE;
        AdminUsersView view = new AdminUsersView(q, page, more ? found.subList(0, Accounts.PAGE) : found, more, notice, link,
                confirmDelete, caller.me().username());
        // Addresses and, after "send a reset link", a secret: no cache keeps this page, and it sends no Referer.
        return Response.ok(templates.render(view)).header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }

    private static int pageNumber(String page) {
        try {
            return Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(page == null ? "1" : page.strip())));
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }

    /** The list the form came from, or the account's own line, with a notice of what was done. */
    private static String withDone(String returnTo, String name, String done) {
        String back = ReturnAddress.safe(returnTo);
        if (!back.startsWith("/admin/users")) {
            back = "/admin/users?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        }
        return back + (back.contains("?") ? "&" : "?") + "done=" + done;
    }
}
