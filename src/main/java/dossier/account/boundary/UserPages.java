package dossier.account.boundary;

import dossier.account.entity.Account;
import dossier.comment.boundary.Comments;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** A reader's public page, and the caller's own personal API tokens. */
@Path("")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class UserPages {

    static final int RECENT_COMMENTS = 50;

    @Inject
    Accounts accounts;

    @Inject
    ApiTokens tokens;

    @Inject
    Comments comments;

    @Inject
    Caller caller;

    @Inject
    Templates templates;

    @GET
    @Path("users/{name}")
    public String user(@PathParam("name") String name) {
        Account account = accounts.byUsername(name).orElseThrow(NotFoundException::new);
        return templates.render("user.jte", Map.of("account", account, "comments", comments.by(account, RECENT_COMMENTS)));
    }

    /** An administrator gives ({@code grant=true}) or takes back the editor role. */
    @POST
    @Path("users/{name}/editor")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response editor(@PathParam("name") String name, @FormParam("grant") boolean grant) {
        Account me = caller.requireEditor("Only administrators give or take the editor role.");
        accounts.setEditor(me, name, grant);
        return Response.seeOther(URI.create("/users/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))).build();
    }

    @GET
    @Path("account/tokens")
    public String tokens() {
        return tokensPage(me(), null, "");
    }

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

    @POST
    @Path("account/tokens/{id: [0-9]+}/revoke")
    public Response revoke(@PathParam("id") long id) {
        tokens.revoke(me(), id);
        return Response.seeOther(URI.create("/account/tokens")).build();
    }

    private String tokensPage(Account me, String created, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("tokens", tokens.of(me));
        model.put("created", created == null ? "" : created);
        model.put("error", error);
        return templates.render("tokens.jte", model);
    }

    /** The caller's own account, from a login in the browser: a token does not manage its account's tokens. */
    private Account me() {
        caller.refuseTokens();
        return caller.account().orElseThrow(() -> new WebApplicationException(
                Response.seeOther(URI.create("/login?return=%2Faccount%2Ftokens")).build()));
    }
}
