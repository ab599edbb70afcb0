package dossier.account.boundary;

import dossier.site.control.ReturnAddress;
import dossier.site.control.Roles;
import dossier.site.control.Templates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/**
 * The link in the verification mail, and asking for a new one. Opening the link shows a button that confirms:
 * only that (a POST) uses the link, so a mail scanner that follows links does not spend it.
 */
@Path("")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class VerificationPages {

    @Inject
    EmailVerifications verifications;

    @Inject
    Caller caller;

    @Inject
    Templates templates;

    @GET
    @Path("verify-email")
    public Response confirmForm(@QueryParam("token") String token) {
        EmailVerifications.Outcome outcome = verifications.check(token, Instant.now());
        return page(outcome == EmailVerifications.Outcome.VERIFIED ? "confirm" : outcome.name().toLowerCase(), token, "/",
                statusOf(outcome));
    }

    @POST
    @Path("verify-email")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@FormParam("token") String token) {
        EmailVerifications.Outcome outcome = verifications.verify(token, Instant.now());
        return page(outcome.name().toLowerCase(), "", "/", statusOf(outcome));
    }

    /** Another link to the caller's address, a few an hour. */
    @RolesAllowed(Roles.SESSION)
    @POST
    @Path("account/verify-email")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resend(@FormParam("return") String returnTo) {
        String back = ReturnAddress.safe(returnTo);
        try {
            boolean sent = verifications.resend(caller.me(), Instant.now());
            return page(sent ? "sent" : "already", "", back, 200);
        } catch (EmailVerifications.TooManyRequests tooMany) {
            long seconds = Math.max(1, tooMany.retryAfter().toSeconds() + 1);
            Response limited = page("limited", "", back, 429);
            return Response.fromResponse(limited).header("Retry-After", seconds).build();
        }
    }

    private static int statusOf(EmailVerifications.Outcome outcome) {
        return switch (outcome) {
            case VERIFIED -> 200;
            case USED, EXPIRED -> 410;
            case UNKNOWN -> 404;
        };
    }

    private Response page(String state, String token, String returnTo, int status) {
        VerificationView view = new VerificationView(state, token == null ? "" : token, returnTo,
                caller.account().map(a -> a.email()).orElse(""), caller.awaitsVerification() && !caller.byToken());
        // The address carries a secret: never kept in a shared cache, nor in the browser's.
        return Response.status(status).entity(templates.render(view))
                .header("Cache-Control", "no-store").build();
    }
}
