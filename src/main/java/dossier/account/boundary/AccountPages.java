package dossier.account.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.site.control.ReturnAddress;

import dossier.account.control.Directory;
import dossier.account.entity.Account;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
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

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Register, log in, log out: HTML forms that work without JavaScript. */
@Path("")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class AccountPages {

    /** The registration form's field that people never see (hidden), and simple bots fill in. */
    static final String HONEYPOT = "website";

    @Inject
    LoginThrottle throttle;

    @Inject
    Logins logins;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "dossier.trusted-proxies", defaultValue = "none")
    String trustedProxies;

    @Inject
    Accounts accounts;

    @Inject
    SecurityContext security;

    @Inject
    Templates templates;

    @Inject
    Caller caller;

    @Inject
    OpenIdProvider openId;

    @Inject
    SignInMethods methods;

    @Inject
    ExternalSignIn externalSignIn;

    @Inject
    DirectorySignIn directorySignIn;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @GET
    @Path("login")
    public String loginForm(@QueryParam("return") String returnTo, @QueryParam("reset") String reset,
                            @QueryParam("local") String breakGlass) {
        return templates.render(new LoginView(safeReturn(returnTo), "", "",
                "done".equals(reset) ? "Your new password is set, and every session of your account has ended. Log in with it." : "",
                methods.shown(breakGlass != null)));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("username") String username, @FormParam("password") String password,
                          @FormParam("return") String returnTo, @FormParam("local") String breakGlass) {
        requireCheckedForm();
        // The administrators' break-glass form (with local accounts off) checks local passwords only.
        boolean adminsOnly = breakGlass != null && !methods.localAccounts();
        boolean directory = methods.directory() && !adminsOnly;
        String name = Account.normalize(username);
        String typed = username == null ? "" : username.strip();
        String again = shown(directory ? typed : name);
        String accountKey = LoginThrottle.key("account:", name);
        String addressKey = LoginThrottle.key("address:", dossier.site.control.ClientAddress.of(request.getRemoteAddr(),
                request.getHeader("X-Forwarded-For"), trustedProxies));
        Instant now = Instant.now();
        // Counted before the password is looked at, so that guesses sent in parallel cannot all pass the check.
        LoginThrottle.Attempt attempt = throttle.attempt(now, accountKey, addressKey);
        if (!attempt.allowed()) {
            logins.throttled();
            long seconds = Math.max(1, attempt.retryAfter().toSeconds() + 1);
            return form(429, again, returnTo, adminsOnly, "Too many failed attempts. Try again in " + ((seconds + 59) / 60) + " minutes.")
                    .header("Retry-After", seconds).build();
        }
        boolean directoryDown = false;
        if (directory) {
            // The directory first; a name it does not know may be a local account's (an administrator's, when local
            // accounts are off), and so may the name of someone whose directory cannot be reached now.
            Directory.Result result = directorySignIn.authenticate(typed, password);
            if (result instanceof Directory.Result.Found found) {
                throttle.succeeded(attempt, accountKey);
                return signedIn(externalSignIn.signIn(request, response, found.identity(), directorySignIn.roles(), returnTo),
                        again, returnTo, adminsOnly);
            }
            if (result instanceof Directory.Result.WrongPassword) {
                logins.failed();
                return form(401, again, returnTo, adminsOnly, "The username or the password is not right.").build();
            }
            directoryDown = result instanceof Directory.Result.Unavailable;
        }
        // A name no account can have is a failed attempt like any other, without the cost of a password hash.
        AuthenticationStatus status = !Account.isValidUsername(name) ? AuthenticationStatus.SEND_FAILURE
                : security.authenticate(request, response, AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(name, new Password(password == null ? "" : password)))
                        .newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS && directoryDown) {
            // Nobody's password was found wrong: the attempt does not count against the name or the address.
            throttle.withdraw(attempt);
            logins.unavailable();
            return form(503, again, returnTo, adminsOnly, "Your organization's directory, which checks the password, cannot be "
                    + "reached right now. Try again in a few minutes; if it lasts, tell the site's administrators.")
                    .header("Retry-After", 60).build();
        }
        if (status != AuthenticationStatus.SUCCESS) {
            logins.failed();
            return form(401, again, returnTo, adminsOnly, "The username or the password is not right.").build();
        }
        throttle.succeeded(attempt, accountKey);
        logins.succeeded();
        return Response.seeOther(URI.create(safeReturn(returnTo))).build();
    }

    @POST
    @Path("logout")
    public Response logout() throws jakarta.servlet.ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        Object idToken = null;
        if (session != null) {
            idToken = session.getAttribute(OidcPages.ID_TOKEN);
            session.invalidate();
        }
        // Signed in through the OpenID provider: its session ends too (RP-initiated logout), then it sends the reader home.
        return Response.seeOther(idToken instanceof String token ? openId.logout(token).orElse(URI.create("/")) : URI.create("/")).build();
    }

    /** Ends every session of the caller's account, on every node, this one included. */
    @RolesAllowed(Roles.SESSION)
    @POST
    @Path("account/logout-everywhere")
    public Response logoutEverywhere() throws jakarta.servlet.ServletException {
        Account me = caller.account().orElseThrow(() -> new jakarta.ws.rs.WebApplicationException(
                Response.seeOther(URI.create("/login?return=%2Faccount%2Ftokens")).build()));
        accounts.endSessions(me);
        return logout();
    }

    @GET
    @Path("register")
    public String registerForm(@QueryParam("return") String returnTo) {
        requireLocalAccounts();
        return registerPage(safeReturn(returnTo), "", "", Map.of(), "");
    }

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(@FormParam("username") String username, @FormParam("email") String email,
                             @FormParam("password") String password, @FormParam("return") String returnTo,
                             @FormParam(HONEYPOT) String honeypot) {
        requireLocalAccounts();
        requireCheckedForm();
        String name = shown(username == null ? "" : username);
        String address = email == null ? "" : email.length() > 254 ? email.substring(0, 254) : email;
        if (honeypot != null && !honeypot.isEmpty()) {
            // A field people never see was filled in: a simple bot. No account, no hash, no mail.
            return Response.status(400).entity(registerPage(safeReturn(returnTo), name, address,
                    Map.of("form", "This registration could not be accepted."), "")).build();
        }
        try {
            accounts.register(username, email, password, LoginThrottle.key("address:", dossier.site.control.ClientAddress.of(
                    request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), trustedProxies)));
        } catch (Accounts.RegistrationLimited limited) {
            long seconds = Math.max(1, limited.retryAfter().toSeconds() + 1);
            return Response.status(429).header("Retry-After", seconds).entity(registerPage(safeReturn(returnTo), name, address,
                    Map.of("form", "Too many registrations from your address. Try again in " + ((seconds + 59) / 60) + " minutes."),
                    "")).build();
        } catch (Accounts.RegistrationRefused refused) {
            return Response.status(400)
                    .entity(registerPage(safeReturn(returnTo), username, email, refused.problems(), "")).build();
        }
        security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(Account.normalize(username), new Password(password)))
                .newAuthentication(true));
        return Response.seeOther(URI.create(safeReturn(returnTo))).build();
    }

    @GET
    @Path("setup")
    public String setupForm(@QueryParam("token") String token) {
        if (!accounts.setupOpen(token)) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return registerPage("/", "", "", Map.of(), token);
    }

    @POST
    @Path("setup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setup(@FormParam("token") String token, @FormParam("username") String username,
                          @FormParam("email") String email, @FormParam("password") String password) {
        requireCheckedForm();
        try {
            accounts.createFirstAdmin(token, username, email, password);
        } catch (Accounts.RegistrationRefused refused) {
            return Response.status(400).entity(registerPage("/", username, email, refused.problems(), token)).build();
        }
        return Response.seeOther(URI.create("/login")).build();
    }

    /** The registration form, kept filled after a refusal; with a setup token it creates the first administrator. */
    private String registerPage(String returnTo, String username, String email, Map<String, String> problems,
                                String setupToken) {
        return templates.render(new RegisterView(returnTo, username == null ? "" : username, email == null ? "" : email,
                problems, setupToken));
    }

    private Response.ResponseBuilder form(int status, String username, String returnTo, boolean breakGlass, String error) {
        return Response.status(status).entity(templates.render(new LoginView(safeReturn(returnTo), username, error, "",
                methods.shown(breakGlass))));
    }

    /**
     * The page that links a sign-in through a provider to the local account with the same address, while the offer
     * this browser holds stands.
     */
    @GET
    @Path("login/link")
    public Response linkForm() {
        return externalSignIn.offer(request)
                .map(offer -> Response.ok(templates.render(new LinkView(offer.username(), offer.provider(), ""))))
                .orElseGet(() -> Response.status(400).entity(templates.render(new LoginView("/", "",
                        "This offer to link your sign-in is over. Sign in again.", "", methods.shown(false)))))
                .build();
    }

    /** The account's password, given once: the identity is linked and the reader signed in. Throttled as logins are. */
    @POST
    @Path("login/link")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response link(@FormParam("password") String password) {
        requireCheckedForm();
        ExternalIdentities.Offer offer = externalSignIn.offer(request).orElse(null);
        if (offer == null) {
            return linkForm();
        }
        String accountKey = LoginThrottle.key("account:", offer.username());
        String addressKey = LoginThrottle.key("address:", dossier.site.control.ClientAddress.of(request.getRemoteAddr(),
                request.getHeader("X-Forwarded-For"), trustedProxies));
        LoginThrottle.Attempt attempt = throttle.attempt(Instant.now(), accountKey, addressKey);
        if (!attempt.allowed()) {
            logins.throttled();
            long seconds = Math.max(1, attempt.retryAfter().toSeconds() + 1);
            return Response.status(429).header("Retry-After", seconds).entity(templates.render(new LinkView(offer.username(),
                    offer.provider(), "Too many failed attempts. Try again in " + ((seconds + 59) / 60) + " minutes."))).build();
        }
        if (password == null || password.isEmpty() || accounts.verify(offer.username(), password).isEmpty()) {
            logins.failed();
            return Response.status(401).entity(templates.render(new LinkView(offer.username(), offer.provider(),
                    "That is not the password of @" + offer.username() + "."))).build();
        }
        throttle.succeeded(attempt, accountKey);
        return signedIn(externalSignIn.link(request, response), "", offer.returnTo(), false);
    }

    /** Where a sign-in through a provider leads: on, to the link page, or back to the form with the reason. */
    Response signedIn(ExternalSignIn.Outcome outcome, String username, String returnTo, boolean breakGlass) {
        if (outcome instanceof ExternalSignIn.Outcome.SignedIn in) {
            return Response.seeOther(URI.create(in.location())).build();
        }
        if (outcome instanceof ExternalSignIn.Outcome.LinkOffered offered) {
            return Response.seeOther(URI.create(offered.location())).build();
        }
        ExternalSignIn.Outcome.Refused refused = (ExternalSignIn.Outcome.Refused) outcome;
        logins.failed();
        return form(refused.status(), shown(username), returnTo, breakGlass, refused.message()).build();
    }

    /**
     * The forms that start a session or make an account need their CSRF token even without a session (against
     * login CSRF). The filter checks every token it is given; here, by the resource itself and so however the
     * address was spelt, a request that brought none is refused.
     */
    private void requireCheckedForm() {
        requireCheckedForm(request);
    }

    static void requireCheckedForm(HttpServletRequest request) {
        if (!dossier.site.control.CsrfTokens.formVerified(request)) {
            throw new jakarta.ws.rs.ForbiddenException("This form has expired or did not come from this site. Reload the page and try again.");
        }
    }

    /** With {@code dossier.accounts.local=false} readers sign in with their organization's identity: no registration. */
    private void requireLocalAccounts() {
        if (!methods.localAccounts()) {
            throw new jakarta.ws.rs.NotFoundException("Accounts are not registered here: sign in with your organization's account.");
        }
    }

    /** The name as the form shows it again: a refused overlong name is not sent back whole. */
    private static String shown(String name) {
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    static String safeReturn(String path) {
        return ReturnAddress.safe(path);
    }
}
