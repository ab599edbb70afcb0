package dossier.site.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import dossier.site.control.PersonalRequest;
import dossier.site.control.Validators;

import java.nio.charset.StandardCharsets;

/**
 * A strong ETag on every page and feed, made from the bytes sent: it changes exactly when the article, its
 * comments or anything else on the page changes, and a client that already has this version gets 304 and no
 * body. Personal pages ({@link PersonalRequest}) differ per reader (forms carry the reader's token), so they are
 * private.
 */
@Provider
public class ContentTags implements ContainerResponseFilter {

    @jakarta.inject.Inject
    dossier.site.control.PageCache pages;

    @jakarta.ws.rs.core.Context
    jakarta.servlet.http.HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"GET".equals(request.getMethod()) || response.getStatus() != 200
                || !(response.getEntity() instanceof String body)) {
            return;
        }
        EntityTag tag = new EntityTag(Validators.tag(body.getBytes(StandardCharsets.UTF_8)));
        response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        Object given = response.getHeaders().getFirst(HttpHeaders.CACHE_CONTROL);
        if (given == null || !String.valueOf(given).contains("no-store")) {
            // A page with a form token says no-store itself (CsrfFilter); the rest are revalidated, privately when personal.
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL,
                    PersonalRequest.is(servletRequest) ? "private, no-cache" : "no-cache");
        }
        // Last-Modified: when anything readers see last changed on this node (coarser than the tag, never later).
        java.time.Instant modified = pages.lastModified();
        if (modified != null) {
            response.getHeaders().putSingle(HttpHeaders.LAST_MODIFIED, java.util.Date.from(modified));
        }
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch == null && modified != null
                && Validators.notModifiedSince(request.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE), modified)) {
            response.setStatus(304);
            response.setEntity(null);
            return;
        }
        if (Validators.matches(ifNoneMatch, tag.getValue())) {
            response.setStatus(304);
            response.setEntity(null);
        }
    }
}
