package dossier.media.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.account.boundary.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.net.URI;

/**
 * Uploads for scripts (with a personal API token) and the editor's JavaScript (with the session and its CSRF
 * token): the request body is the file itself, whatever Content-Type it claims; {@code name} is what the
 * editor calls it. Rooted at {@code api} like the other API resources.
 */
@Path("api")
@RequestScoped
public class MediaResource {

    /** What a client reads about an upload: where it is now, and the Markdown that shows it in an article. */
    public record Json(String url, String type, long size, String name, String markdown) {
        static Json of(Uploads.Upload upload) {
            return new Json(upload.media().url(), upload.media().mediaType(), upload.media().sizeBytes(), upload.name(),
                    upload.media().markdown(upload.name()));
        }
    }

    @Inject
    Uploads uploads;

    @Inject
    Caller caller;

    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("media")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@QueryParam("name") String name, InputStream body) {
        return created(uploads.accept(caller.me(), name, body));
    }

    /** 201 with the upload as JSON, at its address. */
    static Response created(Uploads.Upload upload) {
        Json json = Json.of(upload);
        return Response.created(URI.create(json.url())).type(MediaType.APPLICATION_JSON_TYPE).entity(json).build();
    }
}
