package dossier.site.boundary;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The site's own stylesheets and scripts, bundled in the WAR: nothing is ever loaded from another host.
 * Served through JAX-RS because the application owns the root path.
 */
@Path("assets/{name}")
public class AssetsResource {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(css|js|svg|woff2)");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "svg", "image/svg+xml",
            "woff2", "font/woff2");
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    @GET
    public Response asset(@PathParam("name") String name) {
        if (!NAME.matcher(name).matches()) {
            throw new NotFoundException();
        }
        byte[] bytes = CACHE.computeIfAbsent(name, AssetsResource::load);
        if (bytes.length == 0) {
            throw new NotFoundException();
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return Response.ok(bytes, TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
                .cacheControl(cache)
                .build();
    }

    private static byte[] load(String name) {
        try (InputStream in = AssetsResource.class.getResourceAsStream("/dossier/site/assets/" + name)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
