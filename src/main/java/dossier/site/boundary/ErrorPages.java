package dossier.site.boundary;

import dossier.site.control.Formats;
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

    @Override
    public Response toResponse(Throwable failure) {
        WebApplicationException refusal = refusalWhileReading(failure);
        if (refusal != null) {
            return toResponse(refusal);
        }
        int status;
        String detail;
        Response original = null;
        String id = UUID.randomUUID().toString().substring(0, 8);
        if (failure instanceof WebApplicationException wae) {
            original = wae.getResponse();
            status = original.getStatus();
            if (status < 400) {
                return original;
            }
            detail = status == 404 ? null : original.getEntity() instanceof String s ? s : wae.getMessage();
        } else if (failure instanceof jakarta.persistence.OptimisticLockException) {
            status = 409;
            detail = "Someone else changed this at the same moment and their change came first. Load it again and repeat yours.";
        } else if (failure instanceof jakarta.ws.rs.ProcessingException) {
            // Raised while reading the request body: the client sent something that is not what the API takes.
            status = 400;
            detail = "The request body could not be read: send JSON of the documented shape, in UTF-8.";
        } else {
            status = 500;
            LOG.log(Level.SEVERE, "Request " + id + " to " + uri.getPath() + " failed", failure);
            detail = "Something went wrong on our side. The error was logged as " + id + ".";
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = titleOf(status, type);
        String message = messageOf(status, detail);
        if (status < 500) {
            int code = status;
            // One line per refused request, with the id the reader sees; not-found is routine, so quieter.
            LOG.log(status == 404 ? Level.FINE : Level.INFO, () -> "Request " + id + " to /"
                    + uri.getPath().replaceFirst("^/", "") + " answered " + code + ": " + message);
        }
        Response.ResponseBuilder answer;
        if (wantsJson()) {
            answer = Response.status(status)
                    .type("application/problem+json")
                    .entity(problem(status, title, message, id));
        } else {
            answer = Response.status(status)
                    .type(MediaType.TEXT_HTML + ";charset=utf-8")
                    .entity(templates.render(new ErrorView(status, title, message, id)));
        }
        if (original != null) {
            for (String header : new String[] {"Retry-After", "WWW-Authenticate", "Allow"}) {
                Object value = original.getHeaders().getFirst(header);
                if (value != null) {
                    answer.header(header, value);
                }
            }
        }
        return answer.build();
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

    private static String problem(int status, String title, String detail, String id) {
        return "{\"type\":\"about:blank\",\"title\":" + Formats.json(title) + ",\"status\":" + status
                + ",\"detail\":" + Formats.json(detail) + ",\"requestId\":" + Formats.json(id) + "}";
    }
}
