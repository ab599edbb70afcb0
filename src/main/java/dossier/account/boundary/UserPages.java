package dossier.account.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.account.entity.Account;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** The editor role given and taken by administrators, and the caller's own personal API tokens. */
@Path("")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class UserPages {

    @Inject
    Accounts accounts;

    @Inject
    ApiTokens tokens;

    @Inject
    Caller caller;

    @Inject
    Templates templates;

    /** An administrator gives ({@code grant=true}) or takes back the editor role. */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("users/{name}/editor")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response editor(@PathParam("name") String name, @FormParam("grant") boolean grant) {
        Account me = caller.me();
        accounts.setEditor(me, name, grant);
        return Response.seeOther(URI.create("/users/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))).build();
    }

    @RolesAllowed(Roles.SESSION)
    @GET
    @Path("account/tokens")
    public String tokens() {
        return tokensPage(me(), null, "");
    }

    @RolesAllowed(Roles.SESSION)
    @POST
    @Path("account/tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name) {
        Account me = me();
        try {
            String token = tokens.create(me, name);
            // The page shows the new token in clear, once: no cache of any kind may keep it.
            return Response.status(201).entity(tokensPage(me, token, "")).header("Cache-Control", "no-store").build();
        } catch (jakarta.ws.rs.BadRequestException refused) {
            return Response.status(400).entity(tokensPage(me, null, refused.getMessage())).build();
        }
    }

    @RolesAllowed(Roles.SESSION)
    @POST
    @Path("account/tokens/{id: [0-9]+}/revoke")
    public Response revoke(@PathParam("id") long id) {
        tokens.revoke(me(), id);
        return Response.seeOther(URI.create("/account/tokens")).build();
    }

    private String tokensPage(Account me, String created, String error) {
        return templates.render(new TokensView(tokens.of(me), created == null ? "" : created, error));
    }

    /** The caller's own account, from a login in the browser: a token does not manage its account's tokens. */
    private Account me() {
        return caller.me();
    }
}
