package dossier.site.boundary;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A request whose input breaks the API's constraints (Bean Validation on the resource methods' parameters): 400 and
 * a problem document whose {@code errors} name each refused field as the client wrote it, with what is wrong, and
 * whose {@code detail} says the same in sentences. Only the API is validated, so the answer is always JSON.
 * A constraint on what a method returns is the server's own fault: 500, logged.
 */
@Provider
public class InvalidRequests implements ExceptionMapper<ConstraintViolationException> {

    private static final Logger LOG = Logger.getLogger(InvalidRequests.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(ConstraintViolationException refused) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String path = uri == null ? "" : "/" + uri.getPath().replaceFirst("^/", "");
        boolean ours = refused.getConstraintViolations().stream().anyMatch(v -> kinds(v).contains(ElementKind.RETURN_VALUE));
        if (ours) {
            LOG.log(Level.SEVERE, "Request " + id + " to " + path + " failed: an answer broke its own constraints", refused);
            return Problem.of(500, "Something went wrong",
                    "Something went wrong on our side. The error was logged as " + id + ".", id, null).response().build();
        }
        List<Problem.FieldError> errors = refused.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .distinct()
                .sorted(Comparator.comparing((Problem.FieldError e) -> e.field() == null ? "" : e.field())
                        .thenComparing(Problem.FieldError::message))
                .toList();
        String detail = errors.stream().map(InvalidRequests::sentence).collect(Collectors.joining(" "));
        LOG.info(() -> "Request " + id + " to " + path + " answered 400: " + detail);
        return Problem.of(400, "Bad Request", detail, id, errors).response().build();
    }

    private static List<ElementKind> kinds(ConstraintViolation<?> v) {
        return java.util.stream.StreamSupport.stream(v.getPropertyPath().spliterator(), false).map(Path.Node::getKind).toList();
    }

    /** A message that is not a sentence of its own ("must not be blank") gets the field in front. */
    private static String sentence(Problem.FieldError e) {
        String m = e.message();
        if (e.field() == null || m.isEmpty() || Character.isUpperCase(m.charAt(0))) {
            return m.endsWith(".") ? m : m + ".";
        }
        return e.field() + " " + m + (m.endsWith(".") ? "" : ".");
    }

    /**
     * The field as the client knows it: the property path inside the request body ({@code title}, {@code tags[2]}),
     * or the name of the query, path, header, cookie or form parameter; null for the body as a whole.
     */
    static String field(ConstraintViolation<?> violation) {
        StringBuilder name = new StringBuilder();
        Path.MethodNode method = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD -> method = node.as(Path.MethodNode.class);
                case PARAMETER -> {
                    String parameter = parameterName(violation.getRootBeanClass(), method,
                            node.as(Path.ParameterNode.class).getParameterIndex());
                    if (parameter != null) {
                        name.append(parameter);
                    }
                }
                case PROPERTY, CONTAINER_ELEMENT, BEAN -> {
                    if (node.isInIterable()) {
                        name.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey() != null ? node.getKey() : "").append(']');
                    }
                    String n = node.getName();
                    if (n != null && !n.startsWith("<")) {
                        name.append(name.isEmpty() ? "" : ".").append(n);
                    }
                }
                default -> {
                }
            }
        }
        return name.isEmpty() ? null : name.toString();
    }

    /** The JAX-RS name of a resource method's parameter; null for the request body, which has none. */
    private static String parameterName(Class<?> resource, Path.MethodNode node, int index) {
        if (node == null) {
            return null;
        }
        Class<?>[] types = node.getParameterTypes().toArray(Class<?>[]::new);
        // The validated instance may be a subclass made by CDI, whose methods do not repeat the annotations.
        for (Class<?> c = resource; c != null && c != Object.class; c = c.getSuperclass()) {
            Method m;
            try {
                m = c.getDeclaredMethod(node.getName(), types);
            } catch (NoSuchMethodException notHere) {
                continue;
            }
            for (Annotation a : m.getParameterAnnotations()[index]) {
                String named = a instanceof QueryParam q ? q.value() : a instanceof PathParam p ? p.value()
                        : a instanceof HeaderParam h ? h.value().toLowerCase(Locale.ROOT) : a instanceof CookieParam k ? k.value()
                        : a instanceof FormParam f ? f.value() : a instanceof MatrixParam x ? x.value() : null;
                if (named != null) {
                    return named;
                }
            }
        }
        return null;
    }
}
