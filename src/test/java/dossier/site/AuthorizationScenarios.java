package dossier.site;

import dossier.site.control.Roles;
import dossier.testing.Browser;
import dossier.testing.Endpoints;
import dossier.testing.Endpoints.Endpoint;
import dossier.testing.Scenarios;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may do what, for every endpoint the application has (read from its own {@code @RolesAllowed}) and every
 * kind of caller: anonymous, reader, banned reader, editor, administrator. Whoever the annotations let in gets past
 * the door (whatever the endpoint then says of the made-up address); whoever they keep out is sent to log in (a
 * page), answered 401 (the API), or refused with 403 and the reason.
 */
public abstract class AuthorizationScenarios extends Scenarios {

    private static final String PASSWORD = "a-long-enough-password";
    /** The word that fills every non-numeric path parameter: an address that names nothing, so nothing changes. */
    private static final String NOTHING = "no-such-thing-" + UUID.randomUUID().toString().substring(0, 6);

    protected AuthorizationScenarios(URL base) {
        super(base);
    }

    /** A kind of caller: its groups as the annotations know them, and how to be it (again, after a logout). */
    private static final class Caller {
        final String name;
        final Set<String> groups;
        final Supplier<Browser> login;
        Browser browser;

        Caller(String name, Set<String> groups, Supplier<Browser> login) {
            this.name = name;
            this.groups = groups;
            this.login = login;
            this.browser = login.get();
        }

        boolean loggedIn() {
            return !groups.isEmpty() || name.startsWith("banned");
        }

        boolean mayCall(Endpoint e) {
            return e.allowed() == null || (loggedIn() && e.allowed().contains(Roles.ANY_ACCOUNT))
                    || e.allowed().stream().anyMatch(groups::contains);
        }
    }

    @Test
    void everyEndpointLetsInWhomItsAnnotationsNameAndNobodyElse() throws Exception {
        Browser admin = editor();
        String editorName = "ed" + UUID.randomUUID().toString().substring(0, 8);
        String bannedName = "bn" + UUID.randomUUID().toString().substring(0, 8);
        String readerName = "rd" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of(editorName, bannedName, readerName)) {
            assertEquals(303, visitor().register(name, PASSWORD).statusCode());
        }
        admin.get("/users/" + editorName);
        assertEquals(303, admin.submit("/users/" + editorName + "/editor", "grant", "true").statusCode());
        assertEquals(303, admin.submit("/users/" + bannedName + "/ban", "return", "/").statusCode());
        assertEquals(List.of("account.grant-editor"), Jsoup.parse(admin.get("/admin/audit?target=account+" + editorName).body())
                .select("table.audit tbody tr td:nth-child(3)").eachText(), "the grant is in the audit log");

        List<Caller> callers = List.of(
                new Caller("anonymous", Set.of(), this::anonymous),
                new Caller("reader", Set.of(Roles.READER, Roles.SESSION), () -> logIn(readerName, PASSWORD)),
                new Caller("banned reader", Set.of(Roles.SESSION), () -> logIn(bannedName, PASSWORD)),
                new Caller("editor", Set.of(Roles.READER, Roles.EDITOR, Roles.SESSION), () -> logIn(editorName, PASSWORD)),
                new Caller("administrator", Set.of(Roles.READER, Roles.EDITOR, Roles.ADMIN, Roles.SESSION),
                        () -> logIn("chief", "chief-editor-secret-42")));

        List<Endpoint> endpoints = Endpoints.all();
        assertTrue(endpoints.size() >= 50, "found " + endpoints.size() + " endpoints");
        Map<Endpoint, List<String>> table = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints) {
            for (Caller c : callers) {
                HttpResponse<String> answer = call(c.browser, e);
                boolean refused = refusedAtTheDoor(answer, e);
                table.computeIfAbsent(e, k -> new ArrayList<>()).add(c.name + "=" + answer.statusCode());
                if (answer.statusCode() >= 500) {
                    wrong.add(e + " as " + c.name + ": " + answer.statusCode());
                } else if (c.mayCall(e) == refused) {
                    wrong.add(e + " as " + c.name + ": " + answer.statusCode() + (refused ? " refused" : " let in")
                            + ", but the annotations say " + e.allowed());
                } else if (refused && !refusedTheRightWay(answer, e, c)) {
                    wrong.add(e + " as " + c.name + ": refused with " + answer.statusCode() + " " + answer.headers().firstValue("Location").orElse(""));
                }
                if (c.loggedIn() && c.browser.json("GET", "/api/me", null, false).statusCode() != 200) {
                    c.browser = c.login.get(); // that endpoint logged it out: log in again for the next one
                }
            }
        }
        assertEquals(List.of(), wrong, "\n" + Endpoints.table(endpoints, table));
    }

    /** What the policy says, in general terms, so that an endpoint added without a thought is caught here. */
    @Test
    void thePolicyKeepsWritesAndAdministrationBehindARole() {
        Set<String> open = Set.of("POST /login", "POST /register", "POST /setup", "POST /logout",
                "POST /verify-email", "POST /reset", // the single-use token in the form is the credential
                "POST /forgot", // asked by whoever forgot, counted per client and per address
                "POST /unsubscribe", // the signed token of the unsubscribe link (RFC 8058: no session, no login)
                "POST /login/link"); // a sign-in not yet made: the account's password and the offer the browser holds
        for (Endpoint e : Endpoints.all()) {
            if (e.changesState() && !open.contains(e.toString())) {
                assertNotNull(e.allowed(), e + " changes something, so it names who may");
            }
            if (e.template().startsWith("/admin/")) {
                assertNotNull(e.allowed(), e + " is administration");
                assertFalse(e.allowed().contains(Roles.READER) || e.allowed().contains(Roles.ANY_ACCOUNT), e + " is administration");
            }
            if (e.template().contains("comments") && e.changesState() && !e.template().contains("{id")) {
                assertEquals(List.of(Roles.READER), e.allowed(), e + ": banned readers post nothing");
            }
        }
        assertEquals(List.of(Roles.ADMIN), allowed("POST", "/admin/backup"));
        assertEquals(List.of(Roles.ADMIN), allowed("POST", "/users/{name}/editor"));
        assertEquals(List.of(Roles.ADMIN), allowed("POST", "/admin/users/{name}/roles"));
        assertEquals(List.of(Roles.ADMIN), allowed("POST", "/admin/users/{name}/reset-link"));
        assertEquals(List.of(Roles.SESSION), allowed("POST", "/account/tokens"), "a token never makes tokens");
    }

    private static List<String> allowed(String method, String template) {
        return Endpoints.all().stream().filter(e -> e.method().equals(method) && e.template().equals(template))
                .findFirst().orElseThrow(() -> new AssertionError("no endpoint " + method + " " + template)).allowed();
    }

    /** A refusal by the role check: the way to the login form, 401, or 403 with the role's reason. */
    private static boolean refusedAtTheDoor(HttpResponse<String> answer, Endpoint e) {
        int status = answer.statusCode();
        return (status == 401 && answer.body().contains("Log in first, or send a personal API token."))
                || (status == 303 && answer.headers().firstValue("Location").orElse("").startsWith("/login"))
                || (status == 403 && e.allowed() != null && answer.body().contains(Roles.refusal(e.allowed())));
    }

    private static boolean refusedTheRightWay(HttpResponse<String> answer, Endpoint e, Caller c) {
        if (c.loggedIn()) {
            return answer.statusCode() == 403;
        }
        return e.isApi() ? answer.statusCode() == 401 : answer.statusCode() == 303;
    }

    /** The request a client of this endpoint sends, with the caller's CSRF token, to an address naming nothing. */
    private static HttpResponse<String> call(Browser b, Endpoint e) {
        String token = b.csrfToken();
        HttpRequest.Builder request = b.request(e.path(NOTHING)).header("Accept", e.isApi() ? "application/json" : "text/html, */*;q=0.8");
        if (token != null) {
            request.header("X-CSRF-Token", token);
        }
        String type = e.consumes() != null && !e.consumes().contains("*") ? e.consumes()
                : e.isApi() ? "application/json" : "application/x-www-form-urlencoded";
        byte[] body;
        if (type.startsWith("multipart/")) {
            String boundary = "matrix" + UUID.randomUUID();
            type = "multipart/form-data; boundary=" + boundary;
            body = Browser.multipartBody(boundary, token == null ? Map.of() : Map.of("_csrf", token), "empty.txt", new byte[0]);
        } else if (type.contains("json")) {
            body = "{}".getBytes(StandardCharsets.UTF_8);
        } else {
            body = (token == null ? "" : "_csrf=" + token).getBytes(StandardCharsets.UTF_8);
        }
        if (!e.changesState() || "DELETE".equals(e.method())) {
            request.method(e.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", type).method(e.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return b.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Browser anonymous() {
        try {
            return visitor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Browser logIn(String name, String password) {
        try {
            Browser b = visitor();
            assertEquals(303, b.logIn(name, password).statusCode(), name + " logs in");
            return b;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
