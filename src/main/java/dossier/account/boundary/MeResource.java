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
import dossier.site.boundary.ApiContract;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Set;

/** The caller, for scripts and the site's own JavaScript. */
@Path("api/me")
@RequestScoped
@Tag(name = "Account", description = "The caller.")
public class MeResource {

    @Schema(name = "Me", description = "The caller: the account's name, its roles (reader, editor, admin) and whether it is banned.")
    public record Me(String username, Set<String> roles, boolean banned) {
    }

    @Inject
    Caller caller;

    @RolesAllowed(Roles.ANY_ACCOUNT)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "me", summary = "Who calls", description = "The account of the token or the session.")
    @SecurityRequirement(name = ApiContract.TOKEN)
    @SecurityRequirement(name = ApiContract.SESSION)
    @APIResponse(responseCode = "200", description = "The caller.", content = @Content(schema = @Schema(ref = "Me")))
    public Me me() {
        Account account = caller.me();
        return new Me(account.username(), account.roles(), account.isBanned());
    }
}
