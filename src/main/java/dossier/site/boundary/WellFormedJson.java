package dossier.site.boundary;

import dossier.site.control.LimitedInputStream;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * A JSON request body is parsed once with JSON-P before JSON-B binds it, and refused (400, with the line and column
 * where it breaks) unless it is one well-formed JSON value, an object where a record is expected; when JSON-B then
 * cannot bind it, the refusal names the fields whose values are of the wrong kind ({@link UnreadableJson}).
 * <p>
 * JSON-B alone is not enough: Yasson skips the value of a field it does not know with Parsson's
 * {@code skipArray}/{@code skipObject}, which, on a body that ends inside that value ({@code {"x":[}}), loops for
 * ever at full speed (Parsson 1.1.5, as Payara 6.2025.10 ships it); and it would take trailing text after the
 * object. The body is held in memory for this, at most {@link BodyLimit#MAX_BYTES} of it after any decompression.
 */
@Provider
public class WellFormedJson implements ReaderInterceptor {

    /** JSON-P looks its provider up on every {@code Json.create...} call: one factory, made once. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(java.util.Map.of());

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!isJson(context.getMediaType()) || isRaw(context.getType())) {
            return context.proceed();
        }
        byte[] body = new LimitedInputStream(context.getInputStream(), BodyLimit.MAX_BYTES, BodyLimit::tooLarge).readAllBytes();
        JsonValue parsed = null;
        if (body.length > 0) {
            try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(body))) {
                parser.next();
                parsed = parser.getValue();
                while (parser.hasNext()) { // anything after the value is refused
                    parser.next();
                }
            } catch (JsonParsingException broken) {
                throw new UnreadableJson.Refusal(UnreadableJson.syntax(broken, body.length), broken);
            } catch (RuntimeException unreadable) { // not UTF-8, nested too deeply, or no JSON at all
                throw new UnreadableJson.Refusal(new UnreadableJson(UnreadableJson.GENERAL, java.util.List.of()), unreadable);
            }
            if (parsed != JsonValue.NULL && !(parsed instanceof JsonObject) && takesAnObject(context.getType())) {
                throw new UnreadableJson.Refusal(UnreadableJson.notAnObject(), null);
            }
        }
        context.setInputStream(new ByteArrayInputStream(body));
        try {
            return context.proceed();
        } catch (ProcessingException | JsonbException unbound) {
            if (parsed instanceof JsonObject object && !(unbound instanceof UnreadableJson.Refusal)) {
                throw new UnreadableJson.Refusal(UnreadableJson.binding(object, context.getType()), unbound);
            }
            throw unbound;
        }
    }

    /** A record or class of ours, bound from the members of an object (not a list, map, text or number). */
    private static boolean takesAnObject(Class<?> type) {
        return !(type.isArray() || type.isPrimitive() || java.util.Collection.class.isAssignableFrom(type)
                || java.util.Map.class.isAssignableFrom(type) || Number.class.isAssignableFrom(type) || type == Boolean.class
                || type.getName().startsWith("jakarta.json."));
    }

    private static boolean isJson(MediaType type) {
        return type != null && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }

    /** A resource that takes the bytes themselves (an upload) reads whatever was sent, as it was sent. */
    private static boolean isRaw(Class<?> type) {
        return InputStream.class.isAssignableFrom(type) || Reader.class.isAssignableFrom(type) || type == byte[].class
                || type == String.class;
    }
}
