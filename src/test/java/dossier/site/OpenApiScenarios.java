package dossier.site;

import dossier.testing.Browser;
import dossier.testing.Endpoints;
import dossier.testing.Endpoints.Endpoint;
import dossier.testing.Scenarios;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON API's contract at {@code /openapi}, as a client generator or a reader of the API would take it: a valid
 * OpenAPI document (read by the reference parser, swagger-parser), about this site (its title, the build's version,
 * its configured address), with exactly the API's routes as the compiled resource classes declare them, the ways to
 * call it that their {@code @RolesAllowed} imply, the schemas of the records they read and write, and a problem
 * document for every error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class OpenApiScenarios extends Scenarios {

    private static final Pattern FIRST_LOC = Pattern.compile("<loc>([^<]+)</loc>");

    protected OpenApiScenarios(URL base) {
        super(base);
    }

    /**
     * First of all (the server builds the document on its first request and keeps it): a request that names another
     * host gets the site's own address, the one its sitemap gives, never the name the client sent.
     */
    @Test
    @Order(1)
    void theContractNamesTheSiteAndTheBuildWhateverHostTheClientNames() throws Exception {
        String yaml = getWithHost("/openapi", "attacker.example:6666");
        OpenAPI api = valid(yaml, "YAML");
        assertEquals("Dossier", api.getInfo().getTitle());
        String version = buildVersion();
        assertFalse(version.contains("${"), "the build wrote its version: " + version);
        assertEquals(version, api.getInfo().getVersion());
        assertNotNull(api.getInfo().getDescription());
        assertEquals(List.of(siteAddress()), api.getServers().stream().map(Server::getUrl).toList(),
                "servers: dossier.base-url");
        assertFalse(yaml.contains("attacker.example"));

        Browser client = visitor();
        OpenAPI json = valid(client.send(client.request("/openapi").header("Accept", "application/json").GET(),
                HttpResponse.BodyHandlers.ofString()).body(), "JSON");
        OpenAPI jsonByParameter = valid(client.send(client.request("/openapi?format=JSON").GET(),
                HttpResponse.BodyHandlers.ofString()).body(), "JSON (?format=JSON)");
        assertEquals(api, json, "the JSON document says what the YAML one says");
        assertEquals(api, jsonByParameter);
    }

    /** The routes the compiled resource classes declare under /api, each with its method, and nothing else. */
    @Test
    @Order(2)
    void everyApiRouteIsInTheContractAndNothingElse() throws Exception {
        OpenAPI api = contract();
        Set<String> routes = Endpoints.all().stream().filter(Endpoint::isApi)
                .map(e -> e.method() + " " + e.pathTemplate()).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(routes.size() >= 15, "found " + routes);
        Set<String> documented = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet().forEach(m -> documented.add(m + " " + path)));
        assertEquals(routes, documented);
        for (Operation operation : operations(api).values()) {
            assertNotNull(operation.getSummary(), operation.getOperationId() + " says what it does");
            assertTrue(operation.getResponses().keySet().stream().anyMatch(code -> code.startsWith("2")),
                    operation.getOperationId() + " says what it answers when it succeeds: " + operation.getResponses().keySet());
        }
    }

    /**
     * Who may call: an operation whose method names roles needs a personal API token or a session (and with the
     * session, on a request that changes something, the CSRF header), and may answer 401 and 403; every other one
     * takes a caller but needs none.
     */
    @Test
    @Order(3)
    void theContractNeedsACallerExactlyWhereTheAnnotationsDo() throws Exception {
        OpenAPI api = contract();
        assertEquals(List.of(requirement("token"), requirement("session"), new SecurityRequirement()), api.getSecurity(),
                "the default: anyone, or a caller by token or session");
        assertEquals(Set.of("token", "session", "csrf"), api.getComponents().getSecuritySchemes().keySet());
        assertEquals("bearer", api.getComponents().getSecuritySchemes().get("token").getScheme());
        assertEquals("X-CSRF-Token", api.getComponents().getSecuritySchemes().get("csrf").getName());
        Map<String, Operation> operations = operations(api);
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : Endpoints.all().stream().filter(Endpoint::isApi).toList()) {
            Operation operation = operations.get(e.method() + " " + e.pathTemplate());
            List<SecurityRequirement> expected = e.allowed() == null ? null : List.of(requirement("token"),
                    e.changesState() ? requirement("session").addList("csrf") : requirement("session"));
            if (!java.util.Objects.equals(expected, operation.getSecurity())) {
                wrong.add(e + ": " + shown(operation.getSecurity()) + ", but the annotations say " + e.allowed());
            }
            if (e.allowed() != null && !operation.getResponses().keySet().containsAll(Set.of("401", "403"))) {
                wrong.add(e + " names who may call it, but its refusals are not in the contract: " + operation.getResponses().keySet());
            }
        }
        assertEquals(List.of(), wrong);
    }

    /**
     * Every error the contract names is a problem document, whose schema is the Problem record's, and the API sends
     * one: for an address that names nothing, and for a personal API token that opens nothing.
     */
    @Test
    @Order(4)
    void everyErrorIsAProblemDocument() throws Exception {
        OpenAPI api = contract();
        List<String> wrong = new ArrayList<>();
        operations(api).forEach((route, operation) -> operation.getResponses().forEach((code, response) -> {
            ApiResponse answer = response.get$ref() == null ? response
                    : api.getComponents().getResponses().get(response.get$ref().replace("#/components/responses/", ""));
            if (code.startsWith("4") && (answer.getContent() == null || answer.getContent().get("application/problem+json") == null
                    || !"#/components/schemas/Problem".equals(answer.getContent().get("application/problem+json").getSchema().get$ref()))) {
                wrong.add(route + " " + code + ": " + answer.getContent());
            }
        }));
        assertEquals(List.of(), wrong);
        assertTrue(operations(api).get("PUT /api/articles/{slug}").getResponses().containsKey("409"), "a stale version");
        assertTrue(operations(api).get("POST /api/articles/{slug}/comments").getResponses().containsKey("429"), "the rate limit");

        Schema<?> problem = api.getComponents().getSchemas().get("Problem");
        JsonObject notFound = problemOf(visitor().json("GET", "/api/articles/no-such-article-anywhere", null, false), 404);
        assertTrue(problem.getProperties().keySet().containsAll(notFound.keySet()), notFound + " as " + problem.getProperties().keySet());
        Browser script = visitor();
        HttpResponse<String> badToken = script.send(script.request("/api/me")
                .header("Authorization", "Bearer dossier_no-such-token").GET(), HttpResponse.BodyHandlers.ofString());
        JsonObject unauthorized = problemOf(badToken, 401);
        assertTrue(problem.getProperties().keySet().containsAll(unauthorized.keySet()), unauthorized.toString());
        assertEquals("Bearer error=\"invalid_token\"", badToken.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    /**
     * The schemas are the records the API reads and writes: each record that names a schema has, in the contract,
     * exactly its components as properties. A field added to a record is in the contract without anyone writing it.
     */
    @Test
    @Order(5)
    void theSchemasAreTheRecords() throws Exception {
        OpenAPI api = contract();
        Map<String, List<String>> records = new TreeMap<>();
        for (Class<?> type : Endpoints.classes()) {
            var schema = type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
            if (type.isRecord() && schema != null) {
                records.put(schema.name(), Arrays.stream(type.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).sorted().toList());
            }
        }
        assertTrue(records.keySet().containsAll(Set.of("Article", "ArticleInput", "Comment", "CommentDraft", "Problem", "SearchAnswer")),
                records.keySet().toString());
        Map<String, List<String>> documented = new TreeMap<>();
        records.keySet().forEach(name -> {
            Schema<?> schema = api.getComponents().getSchemas().get(name);
            documented.put(name, schema == null ? null : new TreeSet<>(schema.getProperties().keySet()).stream().toList());
        });
        assertEquals(records, documented);
        assertNull(api.getComponents().getSchemas().get("Problem").getMaxProperties(), "no constraint the record does not have");
    }

    /** The document as YAML, the form it has when the client names none. */
    private OpenAPI contract() throws Exception {
        Browser client = visitor();
        return valid(client.send(client.request("/openapi").GET(), HttpResponse.BodyHandlers.ofString()).body(), "YAML");
    }

    /** The document as the parser reads it, which must have nothing to say about it. */
    private static OpenAPI valid(String document, String form) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
        assertEquals(List.of(), parsed.getMessages(), "the " + form + " document is valid OpenAPI");
        assertNotNull(parsed.getOpenAPI(), document);
        return parsed.getOpenAPI();
    }

    /** Each operation by its method and path, {@code GET /api/articles}. */
    private static Map<String, Operation> operations(OpenAPI api) {
        Map<String, Operation> operations = new TreeMap<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> operations.put(method + " " + path, op)));
        return operations;
    }

    /** Security requirements as plain maps, {@code [{token=[]}, {session=[], csrf=[]}]}, for messages. */
    private static String shown(List<SecurityRequirement> requirements) {
        return requirements == null ? "anyone" : requirements.stream().map(r -> new java.util.LinkedHashMap<>(r).toString()).toList().toString();
    }

    private static SecurityRequirement requirement(String scheme) {
        return new SecurityRequirement().addList(scheme);
    }

    private static JsonObject problemOf(HttpResponse<String> answer, int status) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                answer.headers().toString());
        JsonObject problem = Json.createReader(new StringReader(answer.body())).readObject();
        assertEquals(status, problem.getInt("status"));
        return problem;
    }

    /** The site's address as the site itself gives it: the first address of its sitemap, its home page. */
    private String siteAddress() throws Exception {
        Browser crawler = visitor();
        Matcher home = FIRST_LOC.matcher(crawler.send(crawler.request("/sitemap.xml").GET(), HttpResponse.BodyHandlers.ofString()).body());
        assertTrue(home.find());
        return home.group(1).replaceAll("/+$", "");
    }

    /** The version the build wrote into the application (target/classes is on the tests' class path). */
    private static String buildVersion() throws IOException {
        try (InputStream in = OpenApiScenarios.class.getResourceAsStream("/dossier/build.properties")) {
            Properties build = new Properties();
            build.load(in);
            return build.getProperty("version");
        }
    }

    /**
     * A GET with a Host header of the caller's choosing, which Java's HTTP clients refuse to send: HTTP/1.0 over a
     * plain socket, so the answer is neither chunked nor kept alive.
     */
    private String getWithHost(String path, String host) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 200") || text.startsWith("HTTP/1.0 200"), text);
            return text.substring(text.indexOf("\r\n\r\n") + 4);
        }
    }
}
