package dossier.site.boundary;

import dossier.site.control.LargeBodies;
import dossier.site.control.LimitedInputStream;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.util.function.Supplier;

/**
 * Refuses request bodies over {@link #MAX_BYTES} with 413 and a message: by their Content-Length before anything
 * reads them, and, for bodies sent without one (chunked), as soon as more than the limit has been read. The
 * largest legitimate body is an article's Markdown (a 170 KB design document is the longest we have seen);
 * only the upload addresses take more, up to the configured media limit, and only from a caller who is logged in.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BodyLimit implements ContainerRequestFilter {

    static final long MAX_BYTES = 1024 * 1024;

    @Inject
    LargeBodies uploads;

    @Override
    public void filter(ContainerRequestContext request) {
        // Only a caller who is logged in (or sends a token) may send an upload's size: the resource refuses
        // strangers, but a multipart form is read whole before it is called.
        boolean upload = "POST".equals(request.getMethod())
                && request.getSecurityContext().getUserPrincipal() != null
                && uploads.accepts(request.getUriInfo().getPath().replaceAll("^/+|/+$", ""));
        long limit = upload ? uploads.maxRequestBytes() : MAX_BYTES;
        Supplier<ClientErrorException> refusal = upload ? uploads::tooLarge : BodyLimit::tooLarge;
        if (request.getLength() > limit) {
            throw refusal.get();
        }
        if (request.getLength() < 0) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), limit, refusal));
        }
    }

    static ClientErrorException tooLarge() {
        return new ClientErrorException("The request is larger than " + (MAX_BYTES / 1024) + " KB; send less.", 413);
    }
}
