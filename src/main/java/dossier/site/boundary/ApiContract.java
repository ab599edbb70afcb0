package dossier.site.boundary;

import dossier.site.control.SiteAddress;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The JSON API's contract at {@code /openapi}. MicroProfile OpenAPI scans the resources: their paths, parameters and
 * the records they read and write (the schemas), and what each operation says of itself in its annotations (what it
 * does, its answers, the errors only it gives, that it needs a caller). What holds for the whole API is written once,
 * here, where the server hands the scanned document over before serving it:
 * <ul>
 * <li>only {@code /api} is in it: the pages are JAX-RS resources too, but they are not the API;</li>
 * <li>its title, the version of the build, and {@code servers}: {@code dossier.base-url}, never the Host header;</li>
 * <li>the two ways to call it: a personal API token ({@code Authorization: Bearer}), or the session cookie of a login
 * with, on every request that changes something, the session's CSRF token in {@code X-CSRF-Token} (the rule of
 * {@link CsrfFilter}, so it is added here to every such operation, not written on each);</li>
 * <li>the errors: every one is an RFC 9457 problem document ({@link Problem}); those that follow from the shape of an
 * operation are added here (a JSON body: 400 and 415; any body: 413; a path or number parameter: 404; anyone: 401, a
 * token that is not valid; a caller needed: 403), the others (409, 429, an upload's 415) are written on the
 * operations that give them.</li>
 * </ul>
 * The server makes this filter itself (it is no CDI bean) and builds the document once, on the first request.
 */
public class ApiContract implements OASFilter {

    /** The security scheme of a personal API token; operations that need a caller name it. */
    public static final String TOKEN = "token";
    /** The security scheme of the session cookie; operations that need a caller name it. */
    public static final String SESSION = "session";
    /** The security scheme of the {@code X-CSRF-Token} header, added to the session's on operations that change something. */
    static final String CSRF = "csrf";
    /** An extension of an operation's answer schema: an array of the component schema it names (see {@link ScannerQuirks}). */
    public static final String ARRAY_OF = ScannerQuirks.ARRAY_OF;
    /** An extension of an operation's answer schema: one of the component schemas it names (see {@link ScannerQuirks}). */
    public static final String ONE_OF = ScannerQuirks.ONE_OF;

    static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    private static final String API = "/api/";
    private static final Set<PathItem.HttpMethod> SAFE = Set.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD,
            PathItem.HttpMethod.OPTIONS);
    /** A JAX-RS path parameter with a regular expression, {@code {id: [0-9]+}}: OpenAPI knows only the name. */
    private static final java.util.regex.Pattern TEMPLATE_REGEX = java.util.regex.Pattern.compile("\\{(\\w+)\\s*:[^}]*}");

    private static final String DESCRIPTION = """
            The JSON API of Dossier: articles, their discussions, search and uploads, for scripts and for the site's \
            own JavaScript.

            **Calling it.** Reading what is published needs no one. Everything else needs a caller, in one of two \
            ways: a personal API token, made at `/account/tokens` and sent as `Authorization: Bearer <token>` (a \
            call with a token needs nothing else, and a token never makes tokens); or the session cookie of a login \
            on the site, and then every request that changes something also sends the session's CSRF token as \
            `X-CSRF-Token` (it is in the `csrf-token` meta element of every page of the session).

            **Errors** are RFC 9457 problem documents (`application/problem+json`): `status`, `title`, `detail`, \
            the `requestId` that the server's log line carries, and, when a request body was refused, `errors`, \
            one entry for each refused field.

            **Lists** come in pages: `Link` headers (`rel="next"`, `rel="prev"`) lead to the neighbouring pages.""";

    @Override
    public Schema filterSchema(Schema schema) {
        return ScannerQuirks.withoutDefaults(schema);
    }

    @Override
    public Parameter filterParameter(Parameter parameter) {
        return ScannerQuirks.withTypedDefault(parameter);
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        ScannerQuirks.withoutEndpoints(api);
        onlyTheApi(api.getPaths());
        api.info(OASFactory.createInfo().title("Dossier").version(version()).description(DESCRIPTION));
        api.servers(List.of(OASFactory.createServer().url(SiteAddress.configuredOrigin())
                .description("The site (dossier.base-url).")));
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.components(components.securitySchemes(schemes()).responses(commonErrors()));
        // Anyone may call what names no caller; a token or a session still says who calls (editors see drafts).
        api.security(List.of(requirement(TOKEN), requirement(SESSION), OASFactory.createSecurityRequirement()));
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            api.getPaths().getPathItems().values().forEach(item -> item.getOperations().forEach(ApiContract::completeOperation));
        }
    }

    /** Removes every path outside {@code /api/}, and writes the others as OpenAPI templates. */
    private static void onlyTheApi(Paths paths) {
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : Map.copyOf(paths.getPathItems()).entrySet()) {
            paths.removePathItem(path.getKey());
            if (path.getKey().startsWith(API)) {
                paths.addPathItem(TEMPLATE_REGEX.matcher(path.getKey()).replaceAll("{$1}"), path.getValue());
            }
        }
    }

    private static void completeOperation(PathItem.HttpMethod method, Operation operation) {
        ScannerQuirks.repairResponses(operation);
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean needsCaller = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (needsCaller && !SAFE.contains(method)) {
            operation.getSecurity().stream().filter(r -> r.hasScheme(SESSION)).forEach(r -> r.addScheme(CSRF));
        }
        if (operation.getRequestBody() != null) {
            if (operation.getRequestBody().getContent() != null
                    && operation.getRequestBody().getContent().hasMediaType("application/json")) {
                common(responses, "400", "BadRequest");
                common(responses, "415", "UnsupportedMediaType");
            }
            common(responses, "413", "PayloadTooLarge");
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH || isNumber(p))) {
            common(responses, "404", "NotFound");
        }
        common(responses, "401", "Unauthorized");
        if (needsCaller) {
            common(responses, "403", "Forbidden");
        }
        // The errors an operation writes itself (409, 415, 429) say what happened; their body is a problem too.
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") && response.getRef() == null && ScannerQuirks.isEmpty(response.getContent())) {
                response.content(problem());
            }
        });
    }

    /** A query parameter that must be a number: one that is not is answered 404, as for an address that names nothing. */
    private static boolean isNumber(Parameter p) {
        return p.getIn() == Parameter.In.QUERY && p.getSchema() != null
                && (p.getSchema().getType() == Schema.SchemaType.INTEGER || p.getSchema().getType() == Schema.SchemaType.NUMBER);
    }

    private static void common(APIResponses responses, String code, String name) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().ref("#/components/responses/" + name));
        }
    }

    private static Map<String, APIResponse> commonErrors() {
        return Map.of(
                "BadRequest", error("The request body does not parse as the JSON this operation takes, or breaks one of"
                        + " its rules; `errors` names each refused field. Nothing was stored."),
                "Unauthorized", error("No one is logged in (this operation needs a personal API token or a session), or"
                        + " the personal API token sent is not valid."),
                "Forbidden", error("The caller may not do this (the operation names whom it lets in), or, with a"
                        + " session, the `X-CSRF-Token` header is missing or wrong."),
                "NotFound", error("The address names nothing the caller may read, or a number parameter is not a number."),
                "PayloadTooLarge", error("The request body is larger than the site takes (1 MB; an upload, the"
                        + " configured media limit)."),
                "UnsupportedMediaType", error("The request body is not sent as `application/json`."));
    }

    private static APIResponse error(String description) {
        return OASFactory.createAPIResponse().description(description).content(problem());
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
    }

    private static Map<String, SecurityScheme> schemes() {
        return Map.of(
                TOKEN, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("A personal API token, made at `/account/tokens`. It acts with its account's roles"
                                + " but never starts a session."),
                SESSION, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                        .description("The session cookie of a login on the site (the login form)."),
                CSRF, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name(CsrfFilter.HEADER)
                        .description("The session's CSRF token (the `csrf-token` meta element of its pages): sent with"
                                + " the session cookie on every request that changes something."));
    }

    private static SecurityRequirement requirement(String scheme) {
        return OASFactory.createSecurityRequirement().addScheme(scheme);
    }

    /** The version of this build, as Maven wrote it into {@code dossier/build.properties}. */
    static String version() {
        try (InputStream in = ApiContract.class.getResourceAsStream("/dossier/build.properties")) {
            Properties build = new Properties();
            if (in != null) {
                build.load(in);
            }
            return build.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
