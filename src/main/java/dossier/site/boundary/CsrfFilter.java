package dossier.site.boundary;

import dossier.site.control.CsrfTokens;
import dossier.site.control.ClientAddress;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every state-changing request must carry a CSRF token: the {@code _csrf} field of a form (in a multipart upload
 * form, before the file), or the {@code X-CSRF-Token} header of a JSON call. With a session, it is the session's
 * token; without one (the login, registration and setup forms), it is the session-less token that the form's page
 * put both in the form and in a strict cookie ({@link CsrfTokens#forForms}), and the two must be equal. A missing or
 * wrong token is refused with 403 before any resource is even matched (so before content negotiation too, and
 * whatever the path is spelt like), and nothing changes. Applies to every resource, present and future, without a
 * list. Only the addresses that carry their own signed proof ({@link dossier.site.control.SignedLinks}) need none.
 *
 * <p>Two kinds of request need no token: calls with {@code Authorization: Bearer}, which are authenticated by the
 * token alone (a browser cannot be made to send that header across sites), and requests without a session, whose
 * anonymous caller has no rights a forgery could borrow: the resource answers them itself (401, or the way to the
 * login form). But only a request whose token was checked here may start a session or make an account
 * ({@link CsrfTokens#formVerified}, demanded by those forms and by the authentication mechanism), so a forged login
 * is refused by the resource it reaches, however its address is written.
 *
 * <p>On the way out, a page that issued a session-less token gets its cookie and {@code Cache-Control: no-store}:
 * its form belongs to one visitor and is kept by no cache.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION + 10)
public class CsrfFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String FIELD = "_csrf";
    static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    static final int MULTIPART_HEAD = 8 * 1024;
    private static final Pattern FIELD_HEADER = Pattern.compile(
            "(?im)^content-disposition:\\s*form-data\\s*;\\s*name=\"" + FIELD + "\"\\s*(;|$)");

    @Context
    HttpServletRequest servletRequest;

    @Inject
    @ConfigProperty(name = "dossier.trusted-proxies", defaultValue = "none")
    String trustedProxies;

    /** Addresses whose signed token is their proof (the components say which). */
    @Inject
    dossier.site.control.SignedLinks signedLinks;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (SAFE.contains(request.getMethod())) {
            return;
        }
        if (signedLinks.provesItself(request.getUriInfo().getPath().replaceFirst("^/+", ""))) {
            // RFC 8058: the mail provider itself sends this POST when a reader clicks "unsubscribe", with no cookie
            // and so no CSRF token. The signed token in its address is the proof that the mail's recipient sent it,
            // and a forged request without it changes nothing, so a CSRF token would add nothing. Exactly these
            // addresses, spelt exactly so (another spelling still needs the token).
            return;
        }
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // Authenticated by the token alone (SessionAuthentication ignores any session cookie beside it).
            return;
        }
        String given = request.getHeaderString(HEADER);
        if (given == null && request.getMediaType() != null
                && request.getMediaType().isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            byte[] body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
            given = formField(new String(body, StandardCharsets.UTF_8));
        } else if (given == null && request.getMediaType() != null
                && request.getMediaType().isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            given = multipartField(request);
        }
        String expected = CsrfTokens.sessionToken(servletRequest);
        if (expected == null) {
            // No session: no one whose rights a forged request could borrow. A right double-submit token marks the
            // request as checked (the forms that start a session demand that); anything else goes on unchecked, and
            // the resource answers an anonymous caller itself (401, or the way to the login form).
            if (matches(CsrfTokens.cookieToken(servletRequest, overHttps()), given)) {
                servletRequest.setAttribute(CsrfTokens.VERIFIED, Boolean.TRUE);
            }
            return;
        }
        if (!matches(expected, given)) {
            throw new ForbiddenException("This form has expired or did not come from this site. Reload the page and try again.");
        }
        servletRequest.setAttribute(CsrfTokens.VERIFIED, Boolean.TRUE);
    }

    private static boolean matches(String expected, String given) {
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (servletRequest.getAttribute(CsrfTokens.FORM_TOKEN) != null) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        Object cookie = servletRequest.getAttribute(CsrfTokens.FORM_COOKIE);
        if (cookie != null) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie);
        }
    }

    private boolean overHttps() {
        return ClientAddress.overHttps(servletRequest.isSecure(), servletRequest.getRemoteAddr(),
                servletRequest.getHeader("X-Forwarded-Proto"), trustedProxies);
    }

    /**
     * The {@code _csrf} field of a multipart form (a file upload), read from the first {@link #MULTIPART_HEAD}
     * bytes only, which are then given back: the site's forms put the field before the file, so a large file is
     * neither read twice nor held in memory here.
     */
    private static String multipartField(ContainerRequestContext request) throws IOException {
        String boundary = request.getMediaType().getParameters().get("boundary");
        if (boundary == null) {
            return null;
        }
        BufferedInputStream in = new BufferedInputStream(request.getEntityStream(), MULTIPART_HEAD);
        in.mark(MULTIPART_HEAD);
        String head = new String(in.readNBytes(MULTIPART_HEAD), StandardCharsets.ISO_8859_1);
        in.reset();
        request.setEntityStream(in);
        String[] parts = head.split(Pattern.quote("--" + boundary), -1);
        // The last piece may be cut off by the limit; every other one is a whole part.
        for (int i = 1; i < parts.length - 1; i++) {
            int blank = parts[i].indexOf("\r\n\r\n");
            if (blank > 0 && FIELD_HEADER.matcher(parts[i].substring(0, blank)).find()) {
                return parts[i].substring(blank + 4).replaceFirst("\r\n$", "");
            }
        }
        return null;
    }

    private static String formField(String body) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && FIELD.equals(pair.substring(0, eq))) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
