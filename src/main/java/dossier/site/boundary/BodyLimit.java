package dossier.site.boundary;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses request bodies over {@link #MAX_BYTES} before anything reads them, with 413 and a message. The
 * largest legitimate body is an article's Markdown (a 170 KB design document is the longest we have seen).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BodyLimit implements ContainerRequestFilter {

    static final long MAX_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > MAX_BYTES) {
            throw new ClientErrorException(Response.status(413)
                    .entity("The request is larger than " + (MAX_BYTES / 1024) + " KB; send less.").build());
        }
    }
}
