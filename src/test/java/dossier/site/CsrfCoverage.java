package dossier.site;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every state-changing endpoint of the application, read from its own JAX-RS metadata (the compiled resource
 * classes), so that a new endpoint is covered by the CSRF test without anyone editing the test.
 */
public final class CsrfCoverage {

    public record Endpoint(String method, String path) {
    }

    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)(?:\\s*:\\s*([^}]+))?}");

    private CsrfCoverage() {
    }

    public static List<Endpoint> stateChanging() {
        List<Endpoint> endpoints = new ArrayList<>();
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, CsrfCoverage.class.getClassLoader());
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    for (Method m : type.getDeclaredMethods()) {
                        String verb = m.isAnnotationPresent(POST.class) ? "POST" : m.isAnnotationPresent(PUT.class) ? "PUT"
                                : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                        if (verb != null) {
                            String sub = m.isAnnotationPresent(jakarta.ws.rs.Path.class) ? m.getAnnotation(jakarta.ws.rs.Path.class).value() : "";
                            endpoints.add(new Endpoint(verb, concrete(type.getAnnotation(jakarta.ws.rs.Path.class).value(), sub)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return endpoints;
    }

    /** A real address for a template: numbers for numeric parameters, a plausible word for the others. */
    private static String concrete(String root, String sub) {
        String template = ("/" + root + "/" + sub).replaceAll("/+", "/");
        if (template.length() > 1 && template.endsWith("/")) {
            template = template.substring(0, template.length() - 1);
        }
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String regex = m.group(2);
            String value = regex != null && regex.contains("0-9") ? "1" : "discussion-flow";
            m.appendReplacement(out, value);
        }
        m.appendTail(out);
        return out.toString();
    }
}
