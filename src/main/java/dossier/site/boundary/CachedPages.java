package dossier.site.boundary;

import dossier.site.control.ClientAddress;
import dossier.site.control.PageCache;
import dossier.site.control.PersonalRequest;
import dossier.site.control.Routes;
import dossier.site.control.Validators;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Readers without a session get a kept page straight from memory, before the request reaches JAX-RS: the bytes
 * and headers the page was first sent with ({@link PageCache.Sent}), gzipped when the reader accepts it, with the
 * same validators and 304 answers as {@link ContentTags}. Everything else (a {@link PersonalRequest}, a page not
 * kept or marked {@code no-store}/{@code private}, any other method) goes on through the application as before.
 *
 * <p>The headers kept are those the application sent the first reader, minus the ones that belong to one
 * response only: so the security policy and the caching rules are written in one place ({@link SecurityHeaders},
 * {@link ContentTags}) and this filter repeats them, it does not restate them.
 */
@WebFilter(filterName = "cached-pages", urlPatterns = "/*", asyncSupported = true)
public class CachedPages extends HttpFilter {

    /** Headers that describe one response, not the page: never kept, and written afresh when needed. */
    static final Set<String> PER_RESPONSE = Set.of("content-length", "content-encoding", "content-type", "date",
            "transfer-encoding", "connection", "keep-alive", "set-cookie", "etag", "last-modified", "vary", "server",
            "x-powered-by", "strict-transport-security");

    /** {@code q=0}, {@code q=0.0} … with any blanks: the coding is refused. */
    private static final java.util.regex.Pattern NO_QUALITY = java.util.regex.Pattern.compile("\\s*[qQ]\\s*=\\s*0(\\.0*)?\\s*");

    @Inject
    PageCache pages;

    @Inject
    @ConfigProperty(name = "dossier.trusted-proxies", defaultValue = "none")
    String trustedProxies;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        boolean reading = "GET".equals(method) || "HEAD".equals(method);
        if (!reading || PersonalRequest.is(request)) {
            chain.doFilter(request, response);
            return;
        }
        String key = PageCache.key(request);
        PageCache.Sent sent = pages.sent(key);
        if (sent != null) {
            if (sent.route() != null) {
                request.setAttribute(Routes.ATTRIBUTE, sent.route());
            }
            send(request, response, sent);
            return;
        }
        chain.doFilter(request, response);
        if ("GET".equals(method) && response.getStatus() == HttpServletResponse.SC_OK && !PersonalRequest.is(request)
                && !response.containsHeader("Set-Cookie") && shared(response.getHeader("Cache-Control"))) {
            pages.sent(key, response.getContentType(), kept(response),
                    request.getAttribute(Routes.ATTRIBUTE) instanceof String route ? route : null);
        }
    }

    /** Whether the page said it may be kept for everyone: not {@code no-store} or {@code private} (forms with a token). */
    static boolean shared(String cacheControl) {
        String rules = cacheControl == null ? "" : cacheControl.toLowerCase(Locale.ROOT);
        return !rules.contains("no-store") && !rules.contains("private");
    }

    private static List<Map.Entry<String, String>> kept(HttpServletResponse response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : response.getHeaderNames()) {
            if (!PER_RESPONSE.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : response.getHeaders(name)) {
                    headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
                }
            }
        }
        return headers;
    }

    private void send(HttpServletRequest request, HttpServletResponse response, PageCache.Sent sent) throws IOException {
        for (Map.Entry<String, String> header : sent.headers()) {
            response.addHeader(header.getKey(), header.getValue());
        }
        if (ClientAddress.overHttps(request.isSecure(), request.getRemoteAddr(), request.getHeader("X-Forwarded-Proto"),
                trustedProxies)) {
            response.setHeader("Strict-Transport-Security", SecurityHeaders.HSTS);
        }
        response.setHeader("Vary", "Accept-Encoding");
        response.setHeader("ETag", "\"" + sent.etag() + "\"");
        java.time.Instant modified = pages.lastModified();
        if (modified != null) {
            response.setDateHeader("Last-Modified", modified.toEpochMilli());
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch == null
                ? modified != null && Validators.notModifiedSince(request.getHeader("If-Modified-Since"), modified)
                : Validators.matches(ifNoneMatch, sent.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(sent.contentType());
        byte[] body = sent.identity();
        if (acceptsGzip(request.getHeader("Accept-Encoding"))) {
            response.setHeader("Content-Encoding", "gzip");
            body = sent.gzip();
        }
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    /** Whether the reader takes gzip: named (or {@code *}) in Accept-Encoding and not with {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].strip().toLowerCase(Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                for (int i = 1; i < pieces.length; i++) {
                    if (NO_QUALITY.matcher(pieces[i]).matches()) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
