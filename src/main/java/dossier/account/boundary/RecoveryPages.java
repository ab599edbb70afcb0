package dossier.account.boundary;

import dossier.account.entity.PasswordReset;
import dossier.site.control.ClientAddress;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * A forgotten password: {@code /forgot} asks for the address and answers the same, in the same time, whether an
 * account has it or not; {@code /reset?token=…} (the mailed link) shows a form that carries the token in a hidden
 * field and sets the new password. The pages whose address or form holds a token are kept by no cache and send no
 * {@code Referer}. Without a mail server, {@code /forgot} sends readers to an administrator ({@code /admin/users}).
 */
@Path("")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class RecoveryPages {

    @Inject
    PasswordResets resets;

    @Inject
    Templates templates;

    @Inject
    @ConfigProperty(name = "dossier.trusted-proxies", defaultValue = "none")
    String trustedProxies;

    @Context
    HttpServletRequest request;

    @GET
    @Path("forgot")
    public String forgotForm() {
        return forgotPage(resets.mailConfigured() ? "form" : "no-mail", "", "");
    }

    @POST
    @Path("forgot")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response forgot(@FormParam("email") String email) {
        AccountPages.requireCheckedForm(request);
        if (!resets.mailConfigured()) {
            return Response.ok(forgotPage("no-mail", "", "")).build();
        }
        String address = email == null ? "" : email.strip();
        if (address.length() > 254 || !dossier.mail.control.Addresses.valid(address)) {
            String kept = address.length() > 254 ? address.substring(0, 254) : address;
            return Response.status(400).entity(forgotPage("form", kept,
                    "Enter the e-mail address of your account, such as name@example.org.")).build();
        }
        String client = LoginThrottle.key("address:", ClientAddress.of(request.getRemoteAddr(),
                request.getHeader("X-Forwarded-For"), trustedProxies));
        Duration wait = resets.request(address, client, Instant.now());
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds() + 1);
            return Response.status(429).header("Retry-After", seconds)
                    .entity(forgotPage("limited", address, "Too many requests for a new password. Try again in "
                            + ((seconds + 59) / 60) + " minutes; a link sent already still works.")).build();
        }
        return Response.ok(forgotPage("sent", "", "")).build();
    }

    @GET
    @Path("reset")
    public Response resetForm(@QueryParam("token") String token) {
        PasswordResets.Outcome outcome = resets.check(token, Instant.now());
        return resetPage(outcome, token, "");
    }

    @POST
    @Path("reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(@FormParam("token") String token, @FormParam("password") String password,
                          @FormParam("repeated") String repeated) {
        AccountPages.requireCheckedForm(request);
        try {
            PasswordResets.Outcome outcome = resets.reset(token, password, repeated, Instant.now());
            if (outcome == PasswordResets.Outcome.VALID) {
                return Response.seeOther(URI.create("/login?reset=done")).build();
            }
            return resetPage(outcome, "", "");
        } catch (PasswordResets.PasswordRefused refused) {
            return Response.fromResponse(resetPage(PasswordResets.Outcome.VALID, token, refused.getMessage())).status(400).build();
        }
    }

    private String forgotPage(String state, String email, String error) {
        return templates.render(new ForgotView(state, email, error, (int) PasswordReset.VALID_FOR.toMinutes()));
    }

    /** The form (200), or why the link no longer works: 410 used or expired, 400 not a link at all. */
    private Response resetPage(PasswordResets.Outcome outcome, String token, String error) {
        String state = outcome == PasswordResets.Outcome.VALID ? "form" : outcome.name().toLowerCase(java.util.Locale.ROOT);
        int status = switch (outcome) {
            case VALID -> 200;
            case USED, EXPIRED -> 410;
            case UNKNOWN -> 400;
        };
        return Response.status(status)
                .entity(templates.render(new ResetView(state, outcome == PasswordResets.Outcome.VALID ? token : "", error)))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }
}
