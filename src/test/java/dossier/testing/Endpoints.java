package dossier.testing;

import dossier.site.control.Roles;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every endpoint of the application, read from its own JAX-RS metadata (the compiled resource classes): a new
 * endpoint is covered by the CSRF and the authorization tests without anyone editing them.
 */
public final class Endpoints {

    /**
     * One resource method: its HTTP method, its path template, the groups allowed to call it ({@link Roles#allowed};
     * null: everyone) and the media type it reads (null: none said).
     */
    public record Endpoint(String method, String template, List<String> allowed, String consumes) {

        /** A real address for the template: numbers for numeric parameters, {@code word} for the others. */
        public String path(String word) {
            Matcher m = PARAM.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String regex = m.group(2);
                m.appendReplacement(out, regex != null && regex.contains("0-9") ? "999999999" : word);
            }
            m.appendTail(out);
            return out.toString();
        }

        /** The template as OpenAPI writes it: each parameter by its name only, without its regular expression. */
        public String pathTemplate() {
            return PARAM.matcher(template).replaceAll("{$1}");
        }

        public boolean changesState() {
            return !"GET".equals(method);
        }

        public boolean isApi() {
            return template.startsWith("/api/");
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)(?:\\s*:\\s*([^}]+))?}");

    private Endpoints() {
    }

    public static List<Endpoint> all() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> type : classes()) {
            if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                for (Method m : type.getDeclaredMethods()) {
                    String verb = m.isAnnotationPresent(POST.class) ? "POST" : m.isAnnotationPresent(PUT.class) ? "PUT"
                            : m.isAnnotationPresent(DELETE.class) ? "DELETE" : m.isAnnotationPresent(GET.class) ? "GET" : null;
                    if (verb != null) {
                        String sub = m.isAnnotationPresent(jakarta.ws.rs.Path.class) ? m.getAnnotation(jakarta.ws.rs.Path.class).value() : "";
                        Consumes consumes = m.isAnnotationPresent(Consumes.class) ? m.getAnnotation(Consumes.class)
                                : type.getAnnotation(Consumes.class);
                        endpoints.add(new Endpoint(verb, template(type.getAnnotation(jakarta.ws.rs.Path.class).value(), sub),
                                Roles.allowed(type, m), consumes == null ? null : consumes.value()[0]));
                    }
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method));
        return endpoints;
    }

    /**
     * Every class the application compiled (target/classes), nested ones too, loaded without initializing it: what
     * the server deploys, read as the server reads it.
     */
    public static List<Class<?>> classes() {
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            List<Class<?>> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                all.add(Class.forName(name, false, Endpoints.class.getClassLoader()));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The endpoints that change something: POST, PUT and DELETE. */
    public static List<Endpoint> stateChanging() {
        return all().stream().filter(Endpoint::changesState).toList();
    }

    private static String template(String root, String sub) {
        String template = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return template.length() > 1 && template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
    }

    /** For messages: the endpoints as a table of who may call them. */
    public static String table(List<Endpoint> endpoints, Map<Endpoint, List<String>> cells) {
        StringBuilder out = new StringBuilder();
        for (Endpoint e : endpoints) {
            out.append(String.format("%-7s %-48s %s%n", e.method(), e.template(), String.join("  ", cells.getOrDefault(e, List.of()))));
        }
        return out.toString();
    }
}
