package dossier.site.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Why a JSON request body could not be read, in words for the person who wrote the request: where the JSON breaks
 * (the parser's line and column), that it is not an object, or which field holds a value of the wrong kind. The
 * field is found by binding each member of the body alone, as an object of that one member, so the answer does
 * not depend on how JSON-B words its exceptions.
 */
record UnreadableJson(String detail, List<Problem.FieldError> errors) {

    static final String GENERAL = "The request body could not be read: send JSON of the documented shape, in UTF-8.";
    static final String NOT_AN_OBJECT = "The request body must be a JSON object, not a list or a single value.";

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** A body refused while it was read, with the reason; Jersey hands it on to {@link ErrorPages} as it is. */
    static final class Refusal extends ProcessingException {
        private final transient UnreadableJson reason;

        Refusal(UnreadableJson reason, Throwable cause) {
            super(reason.detail(), cause);
            this.reason = reason;
        }
    }

    /** The reason, when the body was refused somewhere in this chain of causes. */
    static Optional<UnreadableJson> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refusal refusal) {
                return Optional.of(refusal.reason);
            }
        }
        return Optional.empty();
    }

    /**
     * Where the JSON of a body of this many bytes goes wrong. At the end of the input Parsson reports a position past
     * it, so a body that stops too soon is told just that.
     */
    static UnreadableJson syntax(JsonParsingException broken, long length) {
        JsonLocation at = broken.getLocation();
        String why = at == null || at.getLineNumber() < 1 ? "it is not well-formed"
                : at.getStreamOffset() >= length ? "it stops before its end"
                : "it goes wrong at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
        return new UnreadableJson("The request body is not valid JSON: " + why + ". Send one JSON object, in UTF-8.", List.of());
    }

    static UnreadableJson notAnObject() {
        return new UnreadableJson(NOT_AN_OBJECT, List.of());
    }

    /** Which members of a well-formed body JSON-B could not bind to this record, each bound alone to find out. */
    static UnreadableJson binding(JsonObject body, Class<?> type) {
        if (!type.isRecord()) {
            return new UnreadableJson(GENERAL, List.of());
        }
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonValue value = body.get(component.getName());
            if (value == null || value == JsonValue.NULL) {
                continue;
            }
            try {
                JSONB.fromJson(Json.createObjectBuilder().add(component.getName(), value).build().toString(), type);
            } catch (JsonbException | ClassCastException | IllegalStateException | NumberFormatException wrong) {
                errors.add(new Problem.FieldError(component.getName(), expected(component.getType())));
            }
        }
        if (errors.isEmpty()) {
            return new UnreadableJson(GENERAL, List.of());
        }
        StringBuilder detail = new StringBuilder("The request body has a value of the wrong kind:");
        for (Problem.FieldError e : errors) {
            detail.append(' ').append(e.field()).append(' ').append(e.message()).append('.');
        }
        return new UnreadableJson(detail.toString(), errors);
    }

    private static String expected(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "must be a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        if (type == String.class) {
            return "must be text, not a list or an object";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        return "has a value of the wrong type";
    }
}
