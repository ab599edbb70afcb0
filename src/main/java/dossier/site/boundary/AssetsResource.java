package dossier.site.boundary;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import dossier.site.control.Assets;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The site's own stylesheets and scripts, bundled in the WAR: nothing is ever loaded from another host.
 * Served through JAX-RS because the application owns the root path; only the fixed set that {@link Assets}
 * bundles is known, any other name is 404 and leaves nothing behind.
 */
@Path("assets/{name}")
public class AssetsResource {

    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "svg", "image/svg+xml",
            "woff2", "font/woff2");

    static final int YEAR = 365 * 24 * 3600;

    @GET
    public Response asset(@PathParam("name") String name, @QueryParam("v") String version) {
        if (!Assets.exists(name)) {
            throw new NotFoundException();
        }
        byte[] bytes = Assets.bytes(name);
        CacheControl cache = new CacheControl();
        if (Assets.version(name).equals(version)) {
            // The address names this exact content: it never changes.
            cache.setMaxAge(YEAR);
            cache.getCacheExtension().put("immutable", null);
            cache.setPrivate(false);
        } else {
            cache.setMaxAge(300);
        }
        return Response.ok(bytes, TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
                .cacheControl(cache)
                .build();
    }
}
