package dossier.site.control;

import jakarta.ws.rs.Path;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The route of a request as {@code /metrics} labels it: the address template of the resource method that answered
 * ({@code /articles/{slug}/comments}), never the address asked for, so that what a stranger types cannot add series.
 * A request that no resource method answered is {@link #UNMATCHED} (an unknown address, or one refused before it was
 * matched: a missing CSRF token, a body too large); a request served by another servlet (the platform's
 * {@code /metrics}, {@code /health}) is labelled with that servlet's mapping.
 */
public final class Routes {

    /** The request attribute that carries the route from JAX-RS (or the page cache) to the request's metrics. */
    public static final String ATTRIBUTE = "dossier.route";
    public static final String UNMATCHED = "unmatched";

    /** {@code {id: [0-9]+}} -> {@code {id}}: a parameter's pattern is no part of its name. */
    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}");

    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

    private Routes() {
    }

    /** The template of this resource method: the class's {@code @Path} and the method's, joined. */
    public static String template(Class<?> resource, Method method) {
        return TEMPLATES.computeIfAbsent(method, m -> join(path(resource), m.getAnnotation(Path.class)));
    }

    /** The class's {@code @Path}, also when the class given is a subclass the container made of it. */
    private static Path path(Class<?> resource) {
        for (Class<?> c = resource; c != null; c = c.getSuperclass()) {
            Path path = c.getAnnotation(Path.class);
            if (path != null) {
                return path;
            }
        }
        return null;
    }

    private static String join(Path type, Path method) {
        StringBuilder route = new StringBuilder();
        for (Path part : new Path[]{type, method}) {
            if (part != null) {
                String value = part.value().replaceAll("^/+|/+$", "");
                if (!value.isEmpty()) {
                    route.append('/').append(value);
                }
            }
        }
        return route.isEmpty() ? "/" : simplified(route.toString());
    }

    static String simplified(String template) {
        Matcher m = PARAMETER.matcher(template);
        return m.replaceAll("{$1}");
    }

    /**
     * The route of a request the application did not label: another servlet's mapping when one served it (bounded:
     * the servlets are the platform's and ours), else {@link #UNMATCHED}.
     */
    public static String unlabelled(String servletPattern) {
        if (servletPattern == null || servletPattern.isEmpty() || "/".equals(servletPattern) || "/*".equals(servletPattern)) {
            return UNMATCHED;
        }
        return servletPattern;
    }

    /** {@code 2xx} … {@code 5xx}: the class of an HTTP status, the only way status reaches a label. */
    public static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }
}
