package dossier.account.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.account.entity.Account;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** The caller, for scripts and the site's own JavaScript. */
@Path("api/me")
@RequestScoped
public class MeResource {

    @Inject
    Caller caller;

    @RolesAllowed(Roles.ANY_ACCOUNT)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me() {
        Account account = caller.me();
        return Map.of("username", account.username(), "roles", account.roles(), "banned", account.isBanned());
    }
}
