package dossier.account.boundary;

import dossier.site.control.CsrfTokens;

import dossier.account.entity.Account;
import dossier.site.boundary.Problem;
import dossier.site.control.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The site's authentication mechanism, for every request:
 * <ul>
 * <li>{@code Authorization: Bearer …}: the personal API token alone says who calls, whatever cookie comes with
 * it; a wrong token is answered 401 at once. A token call never starts a session and never logs in a form.</li>
 * <li>The login form hands its credential over through {@code SecurityContext.authenticate}: only then, and only
 * when the form's CSRF token was right, a session begins (with a new id, see {@link Caller#startSession}). A caller
 * an outside provider vouched for ({@link ProvenCaller}, from {@link ExternalSignIn}) begins the same session.</li>
 * <li>A session that holds a logged-in caller: the account is read again, so a changed role or a ban applies at
 * once, and a session begun before the account's last "log out everywhere" is over.</li>
 * </ul>
 * The mechanism keeps the caller in the session itself (no {@code @AutoApplySession}, which would make a
 * session for every token call and let a session outlive the token that made it).
 */
@ApplicationScoped
public class SessionAuthentication implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(SessionAuthentication.class.getName());

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    ApiTokens tokens;

    @Inject
    Accounts accounts;

    @Inject
    EmailVerifications verifications;

    @Inject
    @ConfigProperty(name = "dossier.trusted-proxies", defaultValue = "none")
    String trustedProxies;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (context.isAuthenticationRequest()) {
                return AuthenticationStatus.SEND_FAILURE; // no form login with a token: it would start a session
            }
            request.setAttribute(Caller.BY_TOKEN, Boolean.TRUE);
            Optional<Account> account = tokens.authenticate(authorization.substring(7).strip());
            if (account.isEmpty()) {
                return invalidToken(request, response);
            }
            request.setAttribute(Caller.ACCOUNT, account.get());
            return context.notifyContainerAboutLogin(account.get().username(), account.get().groups(false, verifications.required()));
        }
        if (context.isAuthenticationRequest() && context.getAuthParameters().getCredential() != null) {
            CredentialValidationResult result;
            if (context.getAuthParameters().getCredential() instanceof ProvenCaller proven) {
                // Vouched for by an outside provider (ExternalSignIn): the account as it is now, never a banned one.
                Optional<Account> account = accounts.byUsername(proven.username()).filter(a -> !a.isDeleted() && !a.isBanned());
                if (account.isEmpty()) {
                    return AuthenticationStatus.SEND_FAILURE;
                }
                result = new CredentialValidationResult(account.get().username(), account.get().groups(true, verifications.required()));
            } else {
                result = identityStores.validate(context.getAuthParameters().getCredential());
                if (result.getStatus() != CredentialValidationResult.Status.VALID || !CsrfTokens.formVerified(request)) {
                    return AuthenticationStatus.SEND_FAILURE;
                }
            }
            Caller.startSession(request, result.getCallerPrincipal().getName());
            accounts.loggedIn(result.getCallerPrincipal().getName(), java.time.Instant.now());
            if (ClientAddress.overHttps(request.isSecure(), request.getRemoteAddr(), request.getHeader("X-Forwarded-Proto"),
                    trustedProxies)) {
                secureSessionCookie(response);
            }
            return context.notifyContainerAboutLogin(result);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(Caller.USERNAME) instanceof String username) {
            Object since = session.getAttribute(Caller.LOGGED_IN_AT);
            Optional<Account> account = accounts.byUsername(username)
                    .filter(a -> since instanceof Long at && a.acceptsSessionFrom(at));
            if (account.isPresent()) {
                request.setAttribute(Caller.ACCOUNT, account.get());
                return context.notifyContainerAboutLogin(account.get().username(), account.get().groups(true, verifications.required()));
            }
            session.invalidate(); // the account is gone, or all its sessions were ended
        }
        return context.doNothing();
    }

    /**
     * 401 for a personal API token that opens nothing, as a problem document like every other refusal a script gets
     * (the container's own answer would be an HTML error page), with the id of the log line.
     */
    private static AuthenticationStatus invalidToken(HttpServletRequest request, HttpServletResponse response) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String detail = "The personal API token is not valid: it was revoked, its account deleted, or it is mistyped.";
        LOG.info(() -> "Request " + id + " to " + request.getRequestURI() + " answered 401: " + detail);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter().write(Problem.of(401, "Unauthorized", detail, id, null).json());
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * Marks the session cookie the container has just set as {@code Secure}: behind a TLS-terminating proxy the
     * container sees plain HTTP and would send it without, so the browser would also send it over plain HTTP.
     */
    private static void secureSessionCookie(HttpServletResponse response) {
        List<String> cookies = new ArrayList<>(response.getHeaders("Set-Cookie"));
        if (cookies.isEmpty()) {
            return;
        }
        boolean first = true;
        for (String cookie : cookies) {
            String value = cookie.startsWith("JSESSIONID=") && !cookie.toLowerCase(java.util.Locale.ROOT).contains("secure")
                    ? cookie + "; Secure" : cookie;
            if (first) {
                response.setHeader("Set-Cookie", value);
                first = false;
            } else {
                response.addHeader("Set-Cookie", value);
            }
        }
    }
}
