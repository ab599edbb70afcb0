package dossier.site.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem document: how the API, and any request that asks for JSON, is told that something went wrong.
 * Written by JSON-B (which escapes every string as JSON requires) in the order clients have always read it;
 * {@code requestId} is the id the server's log line carries, and {@code errors}, present only when the request's
 * input was refused, names each refused field.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "requestId", "errors"})
@Schema(name = "Problem", description = "An RFC 9457 problem document: what went wrong. `requestId` is the id the server's"
        + " log line carries; `errors`, present only when a request body was refused, names each refused field.")
public record Problem(String type, String title, int status, String detail, String requestId, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Thread-safe and costly to make: one for the application. */
    private static final Jsonb JSONB = JsonbBuilder.create();

    /**
     * One refused field, named as the client sent it ({@code title}, {@code tags[2]}, the query parameter
     * {@code limit}), and what is wrong with it. A refusal of the whole body has no field.
     */
    @JsonbPropertyOrder({"field", "message"})
    @Schema(name = "FieldError", description = "One refused field, named as the client sent it, and what is wrong with it.")
    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    /** A problem with no particular type: its title is the status's. */
    public static Problem of(int status, String title, String detail, String requestId, List<FieldError> errors) {
        return new Problem("about:blank", title, status, detail, requestId, errors);
    }

    public String json() {
        return JSONB.toJson(this);
    }

    /** The answer that carries this problem, as {@code application/problem+json}. */
    public Response.ResponseBuilder response() {
        return Response.status(status).type(MEDIA_TYPE).entity(json());
    }
}
