package dossier.account.boundary;

import com.nimbusds.jwt.JWTClaimsSet;
import dossier.account.control.GroupRoles;
import dossier.account.control.IdTokenCheck;
import dossier.account.control.OidcFlow;
import dossier.account.control.VerifiedIdentity;
import dossier.site.boundary.SiteSecrets;
import dossier.site.control.ClientAddress;
import dossier.site.control.ReturnAddress;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Sign-in through the organization's OpenID provider: {@code /login/oidc} sends the reader there (the flow's
 * state, nonce and PKCE verifier in a sealed cookie, {@link OidcFlow}), {@code /login/oidc/callback} takes them back:
 * the state must be this browser's, the code is exchanged for an ID token at the provider, the token must pass
 * every check ({@link IdTokenCheck}), and then the sign-in is the same as for every provider ({@link ExternalSignIn}:
 * the account found, made or offered for linking, its roles from the groups, banned stays out). The ID token is kept
 * in the session for the provider's logout. Nothing here exists when no provider is configured (404).
 */
@Path("login/oidc")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class OidcPages {

    private static final Logger LOG = Logger.getLogger(OidcPages.class.getName());
    /** The address of the "Log in with …" button. */
    static final String START = "/login/oidc";
    /** Session attribute: the ID token of a sign-in through the provider, for its end-session endpoint. */
    static final String ID_TOKEN = "dossier.oidc.id-token";
    static final String KEY_NAME = "oidc-flow-aes";
    static final int MAX_CODE = 2048;
    static final int MAX_GROUPS = 200;
    static final int MAX_GROUP_LENGTH = 256;
    private static final String AGAIN = "This sign-in has expired or did not start in this browser. Sign in again.";

    @Inject
    OpenIdProvider provider;

    @Inject
    ExternalSignIn externalSignIn;

    @Inject
    SiteSecrets secrets;

    @Inject
    SignInMethods methods;

    @Inject
    Logins logins;

    @Inject
    Templates templates;

    @Inject
    @ConfigProperty(name = "dossier.trusted-proxies", defaultValue = "none")
    String trustedProxies;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @GET
    public Response start(@QueryParam("return") String returnTo) {
        requireConfigured();
        OidcFlow flow = OidcFlow.start(ReturnAddress.safe(returnTo), Instant.now());
        try {
            return Response.seeOther(provider.authorization(flow)).header("Cache-Control", "no-store")
                    .header("Set-Cookie", cookie(flow.seal(secrets.key(KEY_NAME)), (int) OidcFlow.VALID.toSeconds())).build();
        } catch (OpenIdProvider.Unavailable down) {
            return unavailable(flow.returnTo());
        }
    }

    @GET
    @Path("callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("error") String error) {
        requireConfigured();
        OidcFlow flow = OidcFlow.open(cookieValue(), secrets.key(KEY_NAME), Instant.now()).orElse(null);
        if (flow == null || !OidcFlow.wellFormed(state) || !flow.answers(state)) {
            LOG.info(() -> "A sign-in through the OpenID provider was refused: " + (flow == null
                    ? "no sign-in of this browser is under way (no cookie, an expired or a forged one)"
                    : "the state the provider sent back is not this browser's"));
            logins.failed();
            return page(400, flow == null ? "/" : flow.returnTo(), AGAIN);
        }
        // The flow is used once, whatever comes of it.
        response.addHeader("Set-Cookie", cookie("", 0));
        if (error != null) {
            LOG.info(() -> "The OpenID provider did not sign a reader in: " + cut(error));
            logins.failed();
            return page(401, flow.returnTo(), "Your organization's sign-in did not let you in. Sign in again, or ask your administrators.");
        }
        if (code == null || code.isEmpty() || code.length() > MAX_CODE) {
            logins.failed();
            return page(400, flow.returnTo(), AGAIN);
        }
        String idToken;
        JWTClaimsSet claims;
        try {
            idToken = provider.exchange(code, flow);
            claims = provider.verify(idToken, flow);
        } catch (IdTokenCheck.Refused refused) {
            LOG.warning(() -> "A sign-in through the OpenID provider was refused: " + refused.getMessage());
            logins.failed();
            return page(401, flow.returnTo(), "Your sign-in could not be accepted. Sign in again.");
        } catch (OpenIdProvider.Unavailable down) {
            LOG.warning(() -> "A sign-in through the OpenID provider failed: " + down.getMessage());
            return unavailable(flow.returnTo());
        }
        ExternalSignIn.Outcome outcome = externalSignIn.signIn(request, response, identity(claims),
                GroupRoles.of(provider.editorGroups().orElse(null), provider.adminGroups().orElse(null)), flow.returnTo());
        if (outcome instanceof ExternalSignIn.Outcome.SignedIn in) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.setAttribute(ID_TOKEN, idToken);
            }
            return Response.seeOther(java.net.URI.create(in.location())).header("Cache-Control", "no-store").build();
        }
        if (outcome instanceof ExternalSignIn.Outcome.LinkOffered offered) {
            return Response.seeOther(java.net.URI.create(offered.location())).header("Cache-Control", "no-store").build();
        }
        ExternalSignIn.Outcome.Refused refused = (ExternalSignIn.Outcome.Refused) outcome;
        logins.failed();
        return page(refused.status(), flow.returnTo(), refused.message());
    }

    /** The person the checked ID token speaks of, with the claims the operator named. */
    VerifiedIdentity identity(JWTClaimsSet claims) {
        return new VerifiedIdentity(OpenIdProvider.PROVIDER, claims.getSubject(), text(claims, provider.usernameClaim()),
                text(claims, "name"), text(claims, provider.emailClaim()), Boolean.TRUE.equals(claims.getClaim("email_verified")),
                groups(claims.getClaim(provider.groupsClaim())));
    }

    /** The groups claim: a list of names (or one name), at most {@link #MAX_GROUPS}, overlong names left out. */
    static Set<String> groups(Object claim) {
        Set<String> groups = new LinkedHashSet<>();
        if (claim instanceof String one) {
            groups.add(one);
        } else if (claim instanceof Collection<?> many) {
            for (Object g : many) {
                if (groups.size() >= MAX_GROUPS) {
                    break;
                }
                if (g instanceof String name && !name.isEmpty() && name.length() <= MAX_GROUP_LENGTH) {
                    groups.add(name);
                }
            }
        }
        return groups;
    }

    private static String text(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s && s.length() <= 320 ? s : "";
    }

    private void requireConfigured() {
        if (!provider.configured()) {
            throw new NotFoundException();
        }
    }

    private Response unavailable(String returnTo) {
        return Response.status(503).header("Retry-After", 30).entity(templates.render(new LoginView(returnTo, "",
                "Your organization's sign-in cannot be reached just now. Try again in a minute.", "", methods.shown(false)))).build();
    }

    private Response page(int status, String returnTo, String error) {
        return Response.status(status).header("Cache-Control", "no-store").entity(templates.render(new LoginView(returnTo, "", error, "",
                methods.shown(false)))).build();
    }

    private boolean secure() {
        return ClientAddress.overHttps(request.isSecure(), request.getRemoteAddr(), request.getHeader("X-Forwarded-Proto"), trustedProxies);
    }

    private String cookieName() {
        return secure() ? "__Host-dossier-oidc" : "dossier-oidc";
    }

    /** Lax, not Strict: the reader comes back from the provider's page, a navigation from another site. */
    private String cookie(String value, int maxAge) {
        return cookieName() + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax" + (secure() ? "; Secure" : "");
    }

    private String cookieValue() {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (c.getName().equals(cookieName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    private static String cut(String s) {
        String plain = s.replaceAll("[^\\x20-\\x7e]", "?");
        return plain.length() > 80 ? plain.substring(0, 80) + "…" : plain;
    }
}
