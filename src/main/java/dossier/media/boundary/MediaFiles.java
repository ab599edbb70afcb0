package dossier.media.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.account.boundary.Caller;
import dossier.account.entity.Account;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Uploaded files as the site serves them, and the upload form for browsers without JavaScript. A file's address
 * names its content, so it is cached for a year; it is served with the type its content was found to be, never
 * sniffed, and under a policy that lets nothing in it run, should a browser ever render it as a page.
 */
@Path("")
@RequestScoped
public class MediaFiles {

    static final String POLICY = "default-src 'none'; sandbox";
    static final String FOREVER = "public, max-age=31536000, immutable";

    @Inject
    Uploads uploads;

    @Inject
    Caller caller;

    @Context
    HttpHeaders headers;

    @Context
    Request request;

    @GET
    @Path("media/{name}")
    public Response file(@PathParam("name") String name) {
        Uploads.Stored stored = uploads.file(name).orElseThrow(NotFoundException::new);
        EntityTag tag = new EntityTag(stored.media().hash());
        Response.ResponseBuilder answer = request.evaluatePreconditions(tag);
        if (answer == null) {
            answer = Response.ok(stored.path().toFile(), stored.media().mediaType());
        }
        answer.tag(tag)
                .header(HttpHeaders.CACHE_CONTROL, FOREVER)
                .header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff");
        if (!stored.media().kind().isImage()) {
            // Browsers' PDF viewers refuse to run in a sandbox: documents are downloaded, and opened from there.
            answer.header("Content-Disposition", attachment(stored.media().originalName()));
        }
        return answer.build();
    }

    /**
     * The upload form ({@code multipart/form-data}: {@code file}, {@code _csrf} before it, and {@code return}):
     * answers 303 back to {@code return} with {@code uploaded=<address>} added, or to the file itself; with
     * {@code Accept: application/json}, 201 and what the API answers.
     */
    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("media")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(List<EntityPart> parts) throws IOException {
        Optional<EntityPart> back = part(parts, "return");
        String returnTo = back.isPresent() ? dossier.site.control.ReturnAddress.safe(back.get().getContent(String.class)) : null;
        Account me = caller.me();
        EntityPart file = part(parts, "file").orElseThrow(() -> new BadRequestException("Choose a file to upload."));
        Uploads.Upload upload = uploads.accept(me, file.getFileName().orElse(null), file.getContent());
        if (wantsJson()) {
            return MediaResource.created(upload);
        }
        return Response.seeOther(returnTo == null ? URI.create(upload.media().url()) : backTo(returnTo, upload.media().url()))
                .build();
    }

    /** The page the form was on, told what was uploaded: {@code /x?uploaded=%2Fmedia%2F…#fragment}. */
    static URI backTo(String page, String url) {
        int hash = page.indexOf('#');
        String path = hash < 0 ? page : page.substring(0, hash);
        String fragment = hash < 0 ? "" : page.substring(hash);
        try {
            return URI.create(path + (path.contains("?") ? "&" : "?") + "uploaded="
                    + URLEncoder.encode(url, StandardCharsets.UTF_8) + fragment);
        } catch (IllegalArgumentException notAnAddress) {
            return URI.create(url);
        }
    }

    private boolean wantsJson() {
        MediaType first = headers.getAcceptableMediaTypes().get(0);
        return !first.isWildcardType() && first.isCompatible(MediaType.APPLICATION_JSON_TYPE);
    }

    private static Optional<EntityPart> part(List<EntityPart> parts, String name) {
        return parts.stream().filter(p -> name.equals(p.getName())).findFirst();
    }

    /** RFC 6266: a plain ASCII name for old clients, the exact one in UTF-8 for the others. */
    static String attachment(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
