package dossier.account.boundary;

import com.nimbusds.jwt.JWTClaimsSet;
import dossier.account.control.IdTokenCheck;
import dossier.account.control.OidcFlow;
import dossier.site.control.LimitedInputStream;
import dossier.site.control.SiteAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The organization's OpenID provider as this site speaks to it (OpenID Connect Core, authorization code flow with
 * PKCE): its endpoints from discovery ({@code <issuer>/.well-known/openid-configuration}, read at the first sign-in
 * and kept), the address a sign-in starts at, the exchange of the code for tokens at the token endpoint
 * ({@code client_secret_basic}), the checks of the ID token, and the address that ends the provider's session
 * (RP-initiated logout). Every call to the provider has bounded time and answer size. Unconfigured
 * ({@code dossier.oidc.issuer} or {@code .client-id} unset): {@link #configured()} is false and nothing else is used.
 */
@ApplicationScoped
public class OpenIdProvider {

    private static final Logger LOG = Logger.getLogger(OpenIdProvider.class.getName());
    /** The provider id of the accounts' external identities. */
    public static final String PROVIDER = "oidc";
    static final int MAX_ANSWER = 256 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** After a failed discovery, the next sign-in tries again only after this. */
    static final Duration DISCOVERY_RETRY = Duration.ofSeconds(10);
    /** A provider's keys are fetched again for an unknown key id at most this often. */
    static final Duration KEYS_REFETCH = Duration.ofSeconds(30);

    @Inject
    @ConfigProperty(name = "dossier.oidc.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "dossier.oidc.client-id")
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "dossier.oidc.client-secret")
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "dossier.oidc.scopes", defaultValue = "openid profile email")
    String scopes;

    @Inject
    @ConfigProperty(name = "dossier.oidc.label", defaultValue = "your organization's account")
    String label;

    @Inject
    @ConfigProperty(name = "dossier.oidc.username-claim", defaultValue = "preferred_username")
    String usernameClaim;

    @Inject
    @ConfigProperty(name = "dossier.oidc.email-claim", defaultValue = "email")
    String emailClaim;

    @Inject
    @ConfigProperty(name = "dossier.oidc.groups-claim", defaultValue = "groups")
    String groupsClaim;

    @Inject
    @ConfigProperty(name = "dossier.oidc.editor-groups")
    Optional<String> editorGroups;

    @Inject
    @ConfigProperty(name = "dossier.oidc.admin-groups")
    Optional<String> adminGroups;

    @Inject
    SiteAddress site;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    /** What discovery said, and the check of ID tokens made from it. */
    record Endpoints(URI authorization, URI token, Optional<URI> endSession, IdTokenCheck idTokens) {
    }

    private volatile Endpoints endpoints;
    private volatile Instant failedAt = Instant.EPOCH;

    /** The provider is down, or answers what no OpenID provider would: a sign-in cannot happen now. */
    public static final class Unavailable extends Exception {
        Unavailable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    public boolean configured() {
        return issuer.filter(s -> !s.isBlank()).isPresent() && clientId.filter(s -> !s.isBlank()).isPresent();
    }

    /** The words of the login page's button: "Log in with {label}". */
    public String label() {
        return label;
    }

    public String usernameClaim() {
        return usernameClaim;
    }

    public String emailClaim() {
        return emailClaim;
    }

    public String groupsClaim() {
        return groupsClaim;
    }

    public Optional<String> editorGroups() {
        return editorGroups;
    }

    public Optional<String> adminGroups() {
        return adminGroups;
    }

    /** Where the provider sends the reader back to. */
    public String redirectUri() {
        return site.absolute("/login/oidc/callback");
    }

    /** The provider's authorization endpoint with this flow's request. */
    public URI authorization(OidcFlow flow) throws Unavailable {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId.orElseThrow());
        query.put("redirect_uri", redirectUri());
        query.put("scope", scopes);
        query.put("state", flow.state());
        query.put("nonce", flow.nonce());
        query.put("code_challenge", flow.challenge());
        query.put("code_challenge_method", "S256");
        URI endpoint = endpoints().authorization();
        return URI.create(endpoint + (endpoint.getRawQuery() == null ? "?" : "&") + form(query));
    }

    /** The ID token the token endpoint gives for this code. */
    public String exchange(String code, OidcFlow flow) throws Unavailable, IdTokenCheck.Refused {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri());
        body.put("code_verifier", flow.verifier());
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId.orElseThrow(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret.orElse(""), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(endpoints().token()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofString(form(body))).build();
        Answer answer = call(request);
        if (answer.status() == 400 || answer.status() == 401) {
            // RFC 6749, 5.2: invalid_grant for a code used before, expired, or not made for this verifier.
            throw new IdTokenCheck.Refused("the provider refused the code: " + string(answer.json(), "error") + " "
                    + string(answer.json(), "error_description"));
        }
        if (answer.status() != 200) {
            throw new Unavailable("the token endpoint answered " + answer.status(), null);
        }
        String idToken = string(answer.json(), "id_token");
        if (idToken.isEmpty()) {
            throw new IdTokenCheck.Refused("the token endpoint gave no ID token (is 'openid' among dossier.oidc.scopes?)");
        }
        return idToken;
    }

    /** The claims of an ID token that passes every check ({@link IdTokenCheck}). */
    public JWTClaimsSet verify(String idToken, OidcFlow flow) throws Unavailable, IdTokenCheck.Refused {
        return endpoints().idTokens().verify(idToken, flow.nonce());
    }

    /**
     * The provider's end-session address for this ID token, when the provider has one (and can be reached for its
     * discovery document, which this node may not have read yet: the session began on another).
     */
    public Optional<URI> logout(String idToken) {
        if (!configured() || idToken == null) {
            return Optional.empty();
        }
        Endpoints e;
        try {
            e = endpoints();
        } catch (Unavailable down) {
            return Optional.empty(); // the site's session is over all the same
        }
        if (e.endSession().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("id_token_hint", idToken);
        query.put("post_logout_redirect_uri", site.absolute("/"));
        query.put("client_id", clientId.orElseThrow());
        URI endpoint = e.endSession().get();
        return Optional.of(URI.create(endpoint + (endpoint.getRawQuery() == null ? "?" : "&") + form(query)));
    }

    private Endpoints endpoints() throws Unavailable {
        Endpoints e = endpoints;
        if (e != null) {
            return e;
        }
        synchronized (this) {
            if (endpoints != null) {
                return endpoints;
            }
            if (failedAt.plus(DISCOVERY_RETRY).isAfter(Instant.now())) {
                throw new Unavailable("discovery failed less than " + DISCOVERY_RETRY.toSeconds() + " s ago", null);
            }
            try {
                endpoints = discover();
                LOG.info(() -> "OpenID provider " + issuer.orElseThrow() + " discovered: sign-in through it is ready");
                return endpoints;
            } catch (Unavailable failed) {
                failedAt = Instant.now();
                LOG.warning(() -> "OpenID provider " + issuer.orElseThrow() + " cannot be used: " + failed.getMessage());
                throw failed;
            }
        }
    }

    private Endpoints discover() throws Unavailable {
        String configured = issuer.orElseThrow();
        URI address = URI.create(configured.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        Answer answer = call(HttpRequest.newBuilder(address).timeout(TIMEOUT).header("Accept", "application/json").GET().build());
        if (answer.status() != 200) {
            throw new Unavailable(address + " answered " + answer.status(), null);
        }
        JsonObject doc = answer.json();
        // OpenID Connect Discovery 1.0, 4.3: the issuer in the document is exactly the one configured.
        if (!configured.equals(string(doc, "issuer"))) {
            throw new Unavailable("its discovery document names another issuer: " + string(doc, "issuer"), null);
        }
        try {
            URI jwks = endpoint(doc, "jwks_uri");
            String endSession = string(doc, "end_session_endpoint");
            return new Endpoints(endpoint(doc, "authorization_endpoint"), endpoint(doc, "token_endpoint"),
                    endSession.isEmpty() ? Optional.empty() : Optional.of(endpoint(doc, "end_session_endpoint")),
                    new IdTokenCheck(configured, clientId.orElseThrow(), IdTokenCheck.keys(jwks.toURL(), KEYS_REFETCH),
                            Clock.systemUTC()));
        } catch (IllegalArgumentException | java.net.MalformedURLException bad) {
            throw new Unavailable("its discovery document has an unusable address: " + bad.getMessage(), bad);
        }
    }

    private static URI endpoint(JsonObject doc, String name) {
        URI uri = URI.create(string(doc, name));
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException(name + " is not an http(s) address");
        }
        return uri;
    }

    private record Answer(int status, JsonObject json) {
    }

    /** A call to the provider: bounded time, at most {@link #MAX_ANSWER} bytes read, the answer a JSON object. */
    private Answer call(HttpRequest request) throws Unavailable {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = new LimitedInputStream(response.body(), MAX_ANSWER,
                    () -> new JsonException("the answer is longer than " + MAX_ANSWER + " bytes"));
                 JsonReader reader = Json.createReader(body)) {
                JsonValue value = reader.readValue();
                return new Answer(response.statusCode(), value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT);
            } catch (JsonException notJson) {
                if (response.statusCode() == 200) {
                    throw new Unavailable(request.uri() + " answered no JSON object: " + notJson.getMessage(), notJson);
                }
                return new Answer(response.statusCode(), JsonValue.EMPTY_JSON_OBJECT);
            }
        } catch (IOException e) {
            throw new Unavailable(request.uri().getHost() + ":" + request.uri().getPort() + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : "";
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
