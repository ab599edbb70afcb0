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
import dossier.site.boundary.ApiContract;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.net.URI;

/**
 * Uploads for scripts (with a personal API token) and the editor's JavaScript (with the session and its CSRF
 * token): the request body is the file itself, whatever Content-Type it claims; {@code name} is what the
 * editor calls it. Rooted at {@code api} like the other API resources.
 */
@Path("api")
@RequestScoped
@Tag(name = "Media", description = "Images and documents for articles.")
public class MediaResource {

    /** What a client reads about an upload: where it is now, and the Markdown that shows it in an article. */
    @Schema(name = "Upload", description = "An uploaded file: its address, its kind and size, its name, and the Markdown"
            + " that shows it in an article.")
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
    @Operation(operationId = "uploadMedia", summary = "Upload an image or a document", description = "Editors only. The"
            + " request body is the file itself; its kind is read from its content (PNG, JPEG, GIF, WebP, PDF), whatever"
            + " Content-Type says.")
    @SecurityRequirement(name = ApiContract.TOKEN)
    @SecurityRequirement(name = ApiContract.SESSION)
    @RequestBody(required = true, description = "The file.",
            content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "The file, at the address in `Location`.",
            headers = @Header(name = "Location", description = "The file's address.", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(ref = "Upload")))
    @APIResponse(responseCode = "415", description = "The file is none of the kinds the site takes.")
    public Response upload(@Parameter(description = "The file's name, as the editor calls it.") @QueryParam("name") String name,
                           InputStream body) {
        return created(uploads.accept(caller.me(), name, body));
    }

    /** 201 with the upload as JSON, at its address. */
    static Response created(Uploads.Upload upload) {
        Json json = Json.of(upload);
        return Response.created(URI.create(json.url())).type(MediaType.APPLICATION_JSON_TYPE).entity(json).build();
    }
}
