package dossier.site.boundary;

import dossier.article.boundary.ArticlesResource;
import dossier.article.entity.Status;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API's constraints, checked as the server checks them, and the problem document that answers a refusal. */
class InvalidRequestsTest {

    private static ValidatorFactory factory;
    private static Validator validator;
    private final InvalidRequests cut = new InvalidRequests();

    @BeforeAll
    static void start() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    private static ArticlesResource.Input input(String slug, String title, String status, Integer version) {
        return new ArticlesResource.Input(slug, title, null, List.of(), null, status, null, null, "Text.", version, null);
    }

    private static Set<ConstraintViolation<Object>> call(Object resource, String method, Object... arguments) throws Exception {
        Method m = java.util.Arrays.stream(resource.getClass().getMethods()).filter(x -> x.getName().equals(method))
                .findFirst().orElseThrow();
        return validator.forExecutables().validateParameters(resource, m, arguments);
    }

    /** The problem document's errors, field to message, as a client reads them. */
    private JsonObject answer(Set<ConstraintViolation<Object>> violations) {
        Response r = cut.toResponse(new ConstraintViolationException(violations));
        assertEquals(400, r.getStatus());
        assertEquals("application/problem+json", r.getMediaType().toString());
        try (JsonReader reader = Json.createReader(new StringReader((String) r.getEntity()))) {
            return reader.readObject();
        }
    }

    private static Map<String, String> errors(JsonObject problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (JsonValue e : problem.getJsonArray("errors")) {
            errors.put(e.asJsonObject().getString("field", "(body)"), e.asJsonObject().getString("message"));
        }
        return errors;
    }

    @Test
    void aValidArticleBreaksNoRule() throws Exception {
        assertEquals(Set.of(), call(new ArticlesResource(), "create", input("grid-storage", "Grid storage", "draft", null)));
        assertEquals(Set.of(), call(new ArticlesResource(), "update", "grid-storage", input(null, "Grid storage", null, 3)));
        assertEquals(Set.of(), call(new ArticlesResource(), "update", "grid-storage", input("", "Grid storage", null, 3)),
                "an empty slug keeps the current one");
    }

    @Test
    void eachRefusedFieldIsNamedWithWhatIsWrong() throws Exception {
        JsonObject problem = answer(call(new ArticlesResource(), "create", input("Grid Storage!", "T".repeat(501), "live", null)));
        assertEquals(Map.of("slug", "The slug may have lower-case letters a to z, digits and single hyphens between them, such as grid-storage.",
                "status", "The status must be draft, published or unpublished.",
                "title", "The title may have at most 500 characters."), errors(problem));
        assertEquals(List.of("type", "title", "status", "detail", "requestId", "errors"), List.copyOf(problem.keySet()),
                "the order clients have always read");
        assertEquals("about:blank", problem.getString("type"));
        assertTrue(problem.getString("detail").contains("The title may have at most 500 characters."), problem.getString("detail"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Set<ConstraintViolation<Object>> operation(ArticlesResource.Input input, Class<?> group) {
        return (Set) validator.validate(input, group);
    }

    @Test
    void aNewArticleNeedsASlugAndAChangeTheVersionItWasMadeFrom() throws Exception {
        assertEquals(Set.of("slug"), errors(answer(operation(input(null, "T", null, null), ArticlesResource.Creation.class))).keySet());
        assertEquals(Set.of(), operation(input("t", "T", null, null), ArticlesResource.Creation.class));
        assertEquals(Set.of("version"), errors(answer(operation(input("t", "T", null, null), ArticlesResource.Change.class))).keySet());
        assertEquals(Set.of(), operation(input(null, "T", null, 4), ArticlesResource.Change.class));
        Map<String, String> nothing = errors(answer(call(new ArticlesResource(), "create", new Object[] {null})));
        assertEquals(Map.of("(body)", "Send the article as a JSON object."), nothing, "the body as a whole has no field");
    }

    @Test
    void everyStatusIsAcceptedInAnyCase() throws Exception {
        for (Status s : Status.values()) {
            for (String written : List.of(s.name(), s.name().toLowerCase(Locale.ROOT))) {
                assertEquals(Set.of(), call(new ArticlesResource(), "create", input("s", "T", written, null)), written);
            }
        }
    }

    /** A resource with a bounded query parameter, as the API would write one. */
    public static class Listing {
        public String list(@QueryParam("limit") @Max(value = 100, message = "must be at most {value}") int limit,
                           @NotBlank String body) {
            return body;
        }
    }

    @Test
    void aQueryParameterIsNamedAsTheClientWroteIt() throws Exception {
        JsonObject problem = answer(call(new Listing(), "list", 500, " "));
        assertEquals(Map.of("limit", "must be at most 100", "(body)", "must not be blank"), errors(problem));
        assertTrue(problem.getString("detail").contains("limit must be at most 100."), problem.getString("detail"));
    }
}
