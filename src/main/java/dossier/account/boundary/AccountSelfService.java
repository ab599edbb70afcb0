package dossier.account.boundary;

import dossier.account.entity.Account;
import dossier.site.control.ClientAddress;
import dossier.site.control.Roles;
import dossier.site.control.Templates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /account}: a logged-in reader's own account — display name, password, e-mail address, "download my data"
 * and "delete my account". Plain forms that work without JavaScript; each refusal shows the page again with the
 * problem beside its field and what was typed kept (never a password); each success redirects with a notice. Only
 * with a password session: a personal API token does not manage its account.
 */
@Path("")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
@RolesAllowed(Roles.SESSION)
public class AccountSelfService {

    /** Dates as ISO-8601, absent values written as null (a field that is empty says so). */
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true).withFormatting(true));

    @Inject
    Accounts accounts;

    @Inject
    ApiTokens tokens;

    @Inject
    Caller caller;

    @Inject
    Templates templates;

    @Inject
    Instance<PersonalData> personalData;

    @Inject
    @ConfigProperty(name = "dossier.trusted-proxies", defaultValue = "none")
    String trustedProxies;

    @Context
    HttpServletRequest request;

    @GET
    @Path("account")
    public Response page() {
        return page(200, caller.me(), Map.of(), Map.of());
    }

    @POST
    @Path("account/name")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response displayName(@FormParam("displayName") String displayName) {
        Account me = caller.me();
        try {
            accounts.changeDisplayName(me, displayName);
        } catch (Accounts.ChangeRefused refused) {
            return refused(me, "name", refused, Map.of("name.displayName", bounded(displayName, 200)));
        }
        return done("/account?notice=name-saved");
    }

    @POST
    @Path("account/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response password(@FormParam("current") String current, @FormParam("password") String password) {
        Account me = caller.me();
        try {
            // The new password's problem first: it costs no hash, and spends no attempt of the throttle.
            accounts.passwordProblem(me, password).ifPresent(problem -> {
                throw new Accounts.ChangeRefused("password", problem);
            });
            accounts.confirmPassword(me, current, addressKey());
            long endedAt = accounts.changePassword(me, password);
            Caller.continueSession(request, me.username(), endedAt);
        } catch (Accounts.ChangeRefused refused) {
            return refused(me, "password", refused, Map.of());
        }
        return done("/account?notice=password-changed");
    }

    @POST
    @Path("account/email")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response email(@FormParam("current") String current, @FormParam("email") String email) {
        Account me = caller.me();
        try {
            accounts.confirmPassword(me, current, addressKey());
            accounts.changeEmail(me, email);
        } catch (Accounts.ChangeRefused refused) {
            return refused(me, "email", refused, Map.of("email.email", bounded(email, 254)));
        }
        return done("/account?notice=email-link-sent");
    }

    /** The account, its comments (from the components that keep them) and its tokens' names, as one JSON file. */
    @GET
    @Path("account/export")
    @Produces(MediaType.APPLICATION_JSON + ";charset=utf-8")
    public Response export() {
        Account me = caller.me();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("account", new ExportedAccount(me.username(), me.email(), me.displayName(),
                me.roles().stream().sorted().toList(), me.createdAt(), me.emailVerifiedAt()));
        data.put("apiTokens", tokens.of(me).stream().map(t -> new ExportedToken(t.name(), t.createdAt(), t.lastUsedAt())).toList());
        for (PersonalData part : personalData) {
            data.put(part.name(), part.of(me));
        }
        StreamingOutput body = out -> JSONB.toJson(data, out);
        return Response.ok(body, MediaType.APPLICATION_JSON + ";charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"dossier-" + me.username() + ".json\"")
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("account/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@FormParam("current") String current, @FormParam("comments") String comments)
            throws jakarta.servlet.ServletException {
        Account me = caller.me();
        boolean remove = "remove".equals(comments);
        try {
            accounts.confirmPassword(me, current, addressKey());
            accounts.deleteAccount(me, remove, me.username());
        } catch (Accounts.ChangeRefused refused) {
            return refused(me, "delete", refused, Map.of("delete.comments", remove ? "remove" : "keep"));
        }
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return done("/?notice=account-deleted");
    }

    @JsonbPropertyOrder({"username", "email", "displayName", "roles", "created", "emailVerified"})
    public record ExportedAccount(String username, String email, String displayName, List<String> roles, Instant created,
                                  Instant emailVerified) {
    }

    @JsonbPropertyOrder({"name", "created", "lastUsed"})
    public record ExportedToken(String name, Instant created, Instant lastUsed) {
    }

    private Response refused(Account me, String form, Accounts.ChangeRefused refused, Map<String, String> typed) {
        Response.ResponseBuilder answer = Response.status(refused.status()).entity(templates.render(view(me,
                Map.of(form + "." + refused.field(), refused.getMessage()), typed)));
        if (!refused.retryAfter().isZero()) {
            answer.header("Retry-After", refused.retryAfter().toSeconds());
        }
        return answer.header("Cache-Control", "no-store").build();
    }

    private Response page(int status, Account me, Map<String, String> errors, Map<String, String> typed) {
        return Response.status(status).entity(templates.render(view(me, errors, typed))).header("Cache-Control", "no-store").build();
    }

    private AccountView view(Account me, Map<String, String> errors, Map<String, String> typed) {
        return new AccountView(me.username(), me.email(), me.displayName() == null ? "" : me.displayName(),
                me.isEmailVerified(), errors, typed);
    }

    private static Response done(String to) {
        return Response.seeOther(URI.create(to)).build();
    }

    private String addressKey() {
        return LoginThrottle.key("address:", ClientAddress.of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"),
                trustedProxies));
    }

    /** What the form shows again of a refused value: not more than a field of its kind holds. */
    private static String bounded(String value, int max) {
        return value == null ? "" : value.length() > max ? value.substring(0, max) : value;
    }
}
