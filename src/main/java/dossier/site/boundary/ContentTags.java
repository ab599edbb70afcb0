package dossier.site.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A strong ETag on every page and feed, made from the bytes sent: it changes exactly when the article, its
 * comments or anything else on the page changes, and a client that already has this version gets 304 and no
 * body. Pages with a session differ per reader (forms carry the reader's token), so they are private.
 */
@Provider
public class ContentTags implements ContainerResponseFilter {

    @jakarta.inject.Inject
    dossier.site.control.PageCache pages;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"GET".equals(request.getMethod()) || response.getStatus() != 200
                || !(response.getEntity() instanceof String body)) {
            return;
        }
        EntityTag tag = new EntityTag(digest(body));
        response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        boolean personal = request.getCookies().containsKey("JSESSIONID") || request.getHeaderString("Authorization") != null;
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, personal ? "private, no-cache" : "no-cache");
        // Last-Modified: when anything readers see last changed on this node (coarser than the tag, never later).
        java.time.Instant modified = pages.lastChange();
        response.getHeaders().putSingle(HttpHeaders.LAST_MODIFIED, java.util.Date.from(modified));
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch == null && notModifiedSince(request.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE), modified)) {
            response.setStatus(304);
            response.setEntity(null);
            return;
        }
        if (matches(ifNoneMatch, tag)) {
            response.setStatus(304);
            response.setEntity(null);
        }
    }

    /** If-Modified-Since counts only without If-None-Match (RFC 9110 13.1.3). */
    static boolean notModifiedSince(String ifModifiedSince, java.time.Instant modified) {
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            java.time.Instant since = java.time.ZonedDateTime.parse(ifModifiedSince.strip(),
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !modified.isAfter(since);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static boolean matches(String ifNoneMatch, EntityTag tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String quoted = "\"" + tag.getValue() + "\"";
        for (String candidate : List.of(ifNoneMatch.split(","))) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(quoted) || c.equals("W/" + quoted)) {
                return true;
            }
        }
        return false;
    }

    private static String digest(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
