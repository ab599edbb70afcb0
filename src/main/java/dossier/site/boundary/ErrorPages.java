package dossier.site.boundary;

import dossier.site.control.Templates;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error, as a page a person can read or, for {@code /api/*} and {@code Accept: application/json},
 * an RFC 9457 problem document. Never a stack trace: unexpected failures are logged with an id the
 * reader also sees.
 */
@Provider
public class ErrorPages implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class.getName());

    @Inject
    Templates templates;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    /** What went wrong, as the answer says it: its status and detail, and the refusal's own answer if it had one. */
    private record Failure(int status, String detail, Response original, List<Problem.FieldError> errors) {
        Failure(int status, String detail, Response original) {
            this(status, detail, original, List.of());
        }
    }

    @Override
    public Response toResponse(Throwable failure) {
        WebApplicationException refusal = refusalWhileReading(failure);
        if (refusal != null) {
            return toResponse(refusal);
        }
        if (failure instanceof WebApplicationException wae && wae.getResponse().getStatus() < 400) {
            return wae.getResponse();
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        Failure f = classify(failure, id);
        int status = f.status();
        String title = titleOf(status, Response.Status.fromStatusCode(status));
        String message = messageOf(status, f.detail());
        if (status < 500) {
            // One line per refused request, with the id the reader sees; not-found is routine, so quieter.
            LOG.log(status == 404 ? Level.FINE : Level.INFO, () -> "Request " + id + " to /"
                    + uri.getPath().replaceFirst("^/", "") + " answered " + status + ": " + message);
        }
        Response.ResponseBuilder answer = wantsJson()
                ? Problem.of(status, title, message, id, f.errors()).response()
                : Response.status(status).type(MediaType.TEXT_HTML + ";charset=utf-8").entity(templates.render(
                        new ErrorView(status, title, message, id)));
        keepHeaders(f.original(), answer);
        return answer.build();
    }

    /** The status and detail of a failure; an unexpected one is logged with the id the reader sees. */
    private Failure classify(Throwable failure, String id) {
        if (failure instanceof WebApplicationException wae) {
            Response original = wae.getResponse();
            int status = original.getStatus();
            return new Failure(status, status == 404 ? null : original.getEntity() instanceof String s ? s : wae.getMessage(),
                    original);
        }
        if (failure instanceof jakarta.persistence.OptimisticLockException) {
            return new Failure(409, "Someone else changed this at the same moment and their change came first. Load it"
                    + " again and repeat yours.", null);
        }
        if (failure instanceof jakarta.ws.rs.ProcessingException) {
            // Raised while reading the request body: the client sent something that is not what the API takes.
            UnreadableJson unreadable = UnreadableJson.in(failure).orElse(new UnreadableJson(UnreadableJson.GENERAL, List.of()));
            return new Failure(400, unreadable.detail(), null, unreadable.errors());
        }
        LOG.log(Level.SEVERE, "Request " + id + " to " + uri.getPath() + " failed", failure);
        return new Failure(500, "Something went wrong on our side. The error was logged as " + id + ".", null);
    }

    /** The headers of a refusal that tell the client what to do next. */
    private static void keepHeaders(Response original, Response.ResponseBuilder answer) {
        if (original == null) {
            return;
        }
        for (String header : new String[] {"Retry-After", "WWW-Authenticate", "Allow"}) {
            Object value = original.getHeaders().getFirst(header);
            if (value != null) {
                answer.header(header, value);
            }
        }
    }

    /** A refusal raised while a body reader read the request (a size limit, counted as it is read) arrives wrapped. */
    private static WebApplicationException refusalWhileReading(Throwable failure) {
        if (failure instanceof jakarta.ws.rs.ProcessingException) {
            for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof WebApplicationException refusal) {
                    return refusal;
                }
            }
        }
        return null;
    }

    private boolean wantsJson() {
        if (uri.getPath().startsWith("api/") || uri.getPath().startsWith("/api/")) {
            return true;
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.TEXT_HTML_TYPE) && !accepted.isWildcardType()) {
                return false;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !accepted.isWildcardType()) {
                return true;
            }
        }
        return false;
    }

    private static String titleOf(int status, Response.StatusType type) {
        return switch (status) {
            case 404 -> "Page not found";
            case 500 -> "Something went wrong";
            default -> type == null ? "Error" : type.getReasonPhrase();
        };
    }

    private static String messageOf(int status, String detail) {
        if (status == 404) {
            return "There is no page at this address. It may have moved, or the link may be mistyped.";
        }
        return detail == null || detail.isBlank() || detail.startsWith("HTTP ") ? "The request could not be completed." : detail;
    }
}
