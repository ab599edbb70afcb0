package dossier.site.boundary;

import dossier.article.boundary.ArticlesResource;
import dossier.comment.boundary.CommentsResource;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A JSON request body as Jersey reads it in Payara: this interceptor, then JSON-B (Yasson, Parsson) binding it to
 * the resource's record; and what the client is told when that fails.
 */
class WellFormedJsonTest {

    private static Jsonb jsonb;
    private final WellFormedJson cut = new WellFormedJson();

    @BeforeAll
    static void start() {
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    static void stop() throws Exception {
        jsonb.close();
    }

    /** What Jersey does around the interceptor: JSON-B reads the stream, and its failures come wrapped. */
    private Object read(String body, Class<?> type) throws Exception {
        InputStream[] stream = {new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))};
        ReaderInterceptorContext context = (ReaderInterceptorContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ReaderInterceptorContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMediaType" -> MediaType.APPLICATION_JSON_TYPE;
                    case "getType" -> type;
                    case "getInputStream" -> stream[0];
                    case "setInputStream" -> {
                        stream[0] = (InputStream) args[0];
                        yield null;
                    }
                    case "proceed" -> {
                        try {
                            yield stream[0].available() == 0 ? null : jsonb.fromJson(stream[0], type);
                        } catch (JsonbException e) {
                            throw new ProcessingException("Error deserializing object from entity stream.", e);
                        }
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return cut.aroundReadFrom(context);
    }

    private UnreadableJson refused(String body, Class<?> type) {
        ProcessingException refused = assertThrows(ProcessingException.class, () -> read(body, type));
        return UnreadableJson.in(refused).orElseThrow();
    }

    @Test
    void aGoodBodyIsBoundAsBefore() throws Exception {
        assertEquals(new CommentsResource.Draft("Text.", 7L), read("{\"body\":\"Text.\",\"parentId\":7,\"unknown\":[1,{\"a\":2}]}",
                CommentsResource.Draft.class));
        assertEquals(null, read("", CommentsResource.Draft.class), "no body at all");
    }

    @Test
    void aBodyThatEndsInsideAnUnknownFieldIsRefusedAtOnce() {
        // Yasson would skip the unknown field's value with Parsson's skipArray, which never returns at the end of input.
        for (String body : List.of("{\"a\":[", "{\"a\":{", "{\"a\":[1,", "{\"a\":{\"b\":1")) {
            UnreadableJson r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refused(body, CommentsResource.Draft.class), body);
            assertEquals("The request body is not valid JSON: it stops before its end. Send one JSON object, in UTF-8.", r.detail(), body);
        }
    }

    @Test
    void brokenJsonIsToldWhereItBreaks() {
        assertEquals("The request body is not valid JSON: it goes wrong at line 2, column 9. Send one JSON object, in UTF-8.",
                refused("{\"title\":\"x\",\n\"slug\": }", ArticlesResource.Input.class).detail());
        for (String body : List.of("{} {}", "{}]", "nul", "{'a':1}", "\u00ff\u00fe{", "[".repeat(5_000), " ")) {
            assertEquals(List.of(), refused(body, ArticlesResource.Input.class).errors(), body);
        }
    }

    @Test
    void aBodyThatIsNotAnObjectIsToldSo() {
        for (String body : List.of("[1,2]", "[]", "42", "\"text\"", "true")) {
            assertEquals(UnreadableJson.NOT_AN_OBJECT, refused(body, CommentsResource.Draft.class).detail(), body);
        }
    }

    @Test
    void aValueOfTheWrongKindNamesItsField() {
        assertEquals(List.of(new Problem.FieldError("version", "must be a number")),
                refused("{\"version\":\"one\"}", ArticlesResource.Input.class).errors());
        assertEquals(List.of(new Problem.FieldError("tags", "must be a list")),
                refused("{\"tags\":\"energy\"}", ArticlesResource.Input.class).errors());
        assertEquals(List.of(new Problem.FieldError("title", "must be text, not a list or an object")),
                refused("{\"title\":{\"a\":1}}", ArticlesResource.Input.class).errors());
        assertEquals(List.of(new Problem.FieldError("parentId", "must be a number")),
                refused("{\"body\":\"x\",\"parentId\":[1]}", CommentsResource.Draft.class).errors());
        UnreadableJson r = refused("{\"body\":[\"a\",\"list\"]}", CommentsResource.Draft.class);
        assertEquals("The request body has a value of the wrong kind: body must be text, not a list or an object.", r.detail());
    }
}
