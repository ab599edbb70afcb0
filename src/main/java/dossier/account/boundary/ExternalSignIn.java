package dossier.account.boundary;

import dossier.account.control.GroupRoles;
import dossier.account.control.VerifiedIdentity;
import dossier.site.control.ClientAddress;
import dossier.site.control.ReturnAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Optional;

/**
 * Signing in with an identity an outside provider has checked (the directory, an OpenID provider), for every such
 * provider alike: {@link ExternalIdentities} finds or makes the account and sets its roles, then the session begins
 * exactly as after a password login ({@link SessionAuthentication}: a new session id, its epoch, a new CSRF token,
 * the last login, the login metrics). When the provider vouches for the address of an account here, the reader is
 * sent to {@code /login/link} to give that account's password once; the offer waits in the database, its token in
 * a cookie of the reader's browser (no session before a login).
 */
@ApplicationScoped
public class ExternalSignIn {

    /** The page where a reader links an identity to the local account that has its address. */
    public static final String LINK_PAGE = "/login/link";

    @Inject
    ExternalIdentities identities;

    @Inject
    SecurityContext security;

    @Inject
    Logins logins;

    @Inject
    @ConfigProperty(name = "dossier.trusted-proxies", defaultValue = "none")
    String trustedProxies;

    /** Where a sign-in leads. */
    public sealed interface Outcome {
        /** Signed in: go to this local address. */
        record SignedIn(String username, String location) implements Outcome {}
        /** Linking is offered: go to the link page (the offer's cookie is set). */
        record LinkOffered(String location) implements Outcome {}
        /** Not signed in, with the status and message to show. */
        record Refused(int status, String message) implements Outcome {}
    }

    /**
     * Signs in the person the provider vouched for, or says why not.
     *
     * @param returnTo where the reader wanted to go; only a local path is followed ({@link ReturnAddress})
     */
    public Outcome signIn(HttpServletRequest request, HttpServletResponse response, VerifiedIdentity identity, GroupRoles roles,
                          String returnTo) {
        String location = ReturnAddress.safe(returnTo);
        ExternalIdentities.Resolution resolution;
        try {
            resolution = identities.resolve(identity, roles, location, Instant.now());
        } catch (RuntimeException clash) {
            // Two first sign-ins at once (the same person twice, or two who want one name): one transaction made its
            // rows, the other was rolled back on a unique key. Once more, the account or the name is there to see.
            resolution = identities.resolve(identity, roles, location, Instant.now());
        }
        if (resolution instanceof ExternalIdentities.Resolution.Refused refused) {
            return new Outcome.Refused(403, refused.message());
        }
        if (resolution instanceof ExternalIdentities.Resolution.LinkOffered offered) {
            response.addHeader("Set-Cookie", offerCookie(request, offered.token(), (int) ExternalIdentities.OFFER_VALID.toSeconds()));
            return new Outcome.LinkOffered(LINK_PAGE);
        }
        String username = ((ExternalIdentities.Resolution.SignIn) resolution).username();
        return startSession(request, response, username, location);
    }

    /** The standing offer this browser holds, for the link page. */
    public Optional<ExternalIdentities.Offer> offer(HttpServletRequest request) {
        return identities.offer(offerToken(request), Instant.now());
    }

    /** Links the offered identity (the reader has just given the account's password) and signs in. */
    Outcome link(HttpServletRequest request, HttpServletResponse response) {
        Optional<ExternalIdentities.Offer> offer = offer(request);
        Optional<String> username = identities.link(offerToken(request), Instant.now());
        response.addHeader("Set-Cookie", offerCookie(request, "", 0));
        if (username.isEmpty() || offer.isEmpty()) {
            return new Outcome.Refused(400, "This offer to link your sign-in is over. Sign in again.");
        }
        return startSession(request, response, username.get(), offer.get().returnTo());
    }

    private Outcome startSession(HttpServletRequest request, HttpServletResponse response, String username, String location) {
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new ProvenCaller(username)).newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS) {
            return new Outcome.Refused(403, "Your account on this site may not sign in. Ask the site's administrators.");
        }
        logins.succeeded();
        return new Outcome.SignedIn(username, location);
    }

    private String offerToken(HttpServletRequest request) {
        String name = cookieName(request);
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(name)) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private String cookieName(HttpServletRequest request) {
        return secure(request) ? "__Host-dossier-link" : "dossier-link";
    }

    /** Lax, not Strict: the reader arrives from the provider's page, a navigation from another site. */
    private String offerCookie(HttpServletRequest request, String token, int maxAge) {
        boolean secure = secure(request);
        return cookieName(request) + "=" + token + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    private boolean secure(HttpServletRequest request) {
        return ClientAddress.overHttps(request.isSecure(), request.getRemoteAddr(), request.getHeader("X-Forwarded-Proto"), trustedProxies);
    }
}
