package dossier.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An RFC 9457 problem document as a client reads it: the status, the sentence for a person, and, for a refused
 * input, the message for each field it names.
 */
public record Problem(int status, String title, String detail, Map<String, String> fields) {

    /** The answer, which must be a problem document of this status, read with a JSON parser. */
    public static Problem of(HttpResponse<String> answer, int status) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                "a problem document: " + answer.headers().firstValue("Content-Type").orElse("none"));
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            json = reader.readObject();
        }
        assertEquals(status, json.getInt("status"), answer.body());
        Map<String, String> fields = new LinkedHashMap<>();
        if (json.containsKey("errors")) {
            for (JsonValue error : json.getJsonArray("errors")) {
                JsonObject e = error.asJsonObject();
                fields.merge(e.getString("field", ""), e.getString("message"), (a, b) -> a + "; " + b);
            }
        }
        return new Problem(json.getInt("status"), json.getString("title"), json.getString("detail"), fields);
    }
}
