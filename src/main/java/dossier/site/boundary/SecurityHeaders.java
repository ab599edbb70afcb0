package dossier.site.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * A strict policy on every response: only the site's own files run or style a page. HSTS is sent when the
 * request came over HTTPS: directly, or through a reverse proxy whose address is listed in
 * {@code dossier.trusted-proxies} and which says so in {@code X-Forwarded-Proto} (from anyone else that
 * header is ignored). A resource may answer with a stricter policy of its own, which is kept (uploaded files do),
 * and so is its own {@code Referrer-Policy} (the password reset page's {@code no-referrer}).
 */
@Provider
public class SecurityHeaders implements ContainerResponseFilter {

    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Context
    HttpServletRequest servletRequest;

    @Inject
    @ConfigProperty(name = "dossier.trusted-proxies", defaultValue = "none")
    String trustedProxies;

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "object-src 'none'; base-uri 'none'";

    /**
     * With an OpenID provider configured, the logout form's answer leads on to the provider's end-session endpoint,
     * and browsers hold a form's redirects to {@code form-action} too: the provider's origin is allowed there.
     */
    @Inject
    @ConfigProperty(name = "dossier.oidc.issuer")
    java.util.Optional<String> oidcIssuer;

    private volatile String policy;

    String policy() {
        String p = policy;
        if (p == null) {
            String origin = oidcIssuer.map(SecurityHeaders::origin).orElse("");
            policy = p = origin.isEmpty() ? POLICY : POLICY.replace("form-action 'self'", "form-action 'self' " + origin);
        }
        return p;
    }

    /** The scheme, host and port of an http(s) address, or "" when it is none (nothing else reaches the policy). */
    static String origin(String address) {
        try {
            java.net.URI uri = new java.net.URI(address.strip());
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || !uri.getHost().matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+]")) {
                return "";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }

    boolean overHttps(ContainerRequestContext request) {
        return dossier.site.control.ClientAddress.overHttps(servletRequest.isSecure(), servletRequest.getRemoteAddr(),
                request.getHeaderString("X-Forwarded-Proto"), trustedProxies);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putIfAbsent("Content-Security-Policy", List.<Object>of(policy()));
        headers.putSingle("X-Content-Type-Options", "nosniff");
        // A page whose address holds a secret (a password reset link) sends no Referer at all: kept if set.
        headers.putIfAbsent("Referrer-Policy", List.<Object>of("strict-origin-when-cross-origin"));
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
        if (overHttps(request)) {
            headers.putSingle("Strict-Transport-Security", HSTS);
        }
    }
}
