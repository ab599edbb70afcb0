package dossier.account;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import dossier.testing.Keycloak;
import dossier.testing.PayaraNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static dossier.testing.Polling.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-in through a real OpenID provider: Keycloak, started by the test with a realm imported (a confidential
 * client with PKCE, a groups mapper, users in the editors' and the administrators' groups), and the real WAR in
 * Payara Micro configured for it, driven by Debian's Chromium through Keycloak's own login page. Runs in the Maven
 * profile {@code sso}. Figures (Keycloak's start, sign-in round trips) go to {@code target/oidc/report.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcIT {

    private static final Logger LOG = Logger.getLogger(OidcIT.class.getName());
    static final Path DIR = Path.of("target/oidc").toAbsolutePath();
    static final String REALM = "dossier";
    static final String LABEL = "Example SSO";

    private Keycloak keycloak;
    private PayaraNode node;
    private String site;
    private Playwright playwright;
    private Browser chromium;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> report = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void start() throws Exception {
        PayaraNode.clean(DIR);
        long begin = System.nanoTime();
        keycloak = Keycloak.start(Path.of("src/test/resources/keycloak/dossier-realm.json"), DIR);
        node = new PayaraNode("oidc-node", DIR, Map.of(
                "DOSSIER_BASE_URL", "http://127.0.0.1:{port}",
                "DOSSIER_OIDC_ISSUER", keycloak.issuer(REALM),
                "DOSSIER_OIDC_CLIENT_ID", "dossier",
                "DOSSIER_OIDC_CLIENT_SECRET", "dossier-client-secret",
                "DOSSIER_OIDC_EDITOR_GROUPS", "editors",
                "DOSSIER_OIDC_ADMIN_GROUPS", "admins",
                "DOSSIER_OIDC_LABEL", LABEL), List.of("--nohazelcast", "--postbootcommandfile",
                Path.of("src/main/payara/single-node.asadmin").toAbsolutePath().toString()));
        site = "http://127.0.0.1:" + node.port();
        node.start();
        note("Keycloak answered discovery after %.1f s", keycloak.awaitReady(REALM));
        note("Dossier ready after %.1f s (both started at once)", node.awaitReady());
        note("Keycloak and Dossier up %.1f s after the start", (System.nanoTime() - begin) / 1e9);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of("/usr/bin/chromium"))
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-dev-shm-usage")));
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @AfterAll
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
            playwright.close();
        }
        if (node != null) {
            node.stop();
        }
        if (keycloak != null) {
            keycloak.close();
        }
        Files.write(DIR.resolve("report.txt"), report);
    }

    @Test
    @Order(1)
    void theLoginPageOffersTheProviderAndLeavingForItMakesNoSession() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(site + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(login.body().contains("Log in with " + LABEL), login.body());
        assertTrue(login.body().contains("href=\"/login/oidc?return="), login.body());
        HttpResponse<String> leave = http.send(HttpRequest.newBuilder(URI.create(site + "/login/oidc?return=%2F")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, leave.statusCode());
        String location = leave.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(keycloak.issuer(REALM) + "/protocol/openid-connect/auth?"), location);
        assertTrue(location.contains("code_challenge_method=S256") && location.contains("nonce=") && location.contains("state="), location);
        List<String> cookies = leave.headers().allValues("Set-Cookie");
        assertEquals(1, cookies.size(), cookies.toString());
        assertTrue(cookies.get(0).startsWith("dossier-oidc=") && cookies.get(0).contains("HttpOnly"), cookies.toString());

        // Answers nobody asked for: refused with the reason, never a 500, never a session.
        String sealed = cookies.get(0).substring("dossier-oidc=".length(), cookies.get(0).indexOf(';'));
        String state = location.replaceAll(".*[?&]state=([^&]+).*", "$1");
        for (String[] attempt : List.of(
                new String[]{"/login/oidc/callback?code=abc&state=" + state, ""},
                new String[]{"/login/oidc/callback?code=abc&state=" + "x".repeat(3000), "dossier-oidc=" + sealed},
                new String[]{"/login/oidc/callback?code=abc&state=" + state, "dossier-oidc=" + "A".repeat(5000)},
                new String[]{"/login/oidc/callback?code=abc&state=" + state, "dossier-oidc=" + sealed.substring(0, sealed.length() - 4) + "AAAA"},
                new String[]{"/login/oidc/callback?state=" + state, "dossier-oidc=" + sealed.replace(sealed.substring(20, 24), "____")})) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(site + attempt[0]));
            if (!attempt[1].isEmpty()) {
                request.header("Cookie", attempt[1]);
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, answer.statusCode(), attempt[0].substring(0, Math.min(80, attempt[0].length())) + " " + answer.body());
            assertTrue(answer.body().contains("did not start in this browser"), answer.body());
            assertTrue(answer.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("JSESSIONID")));
        }
        HttpResponse<String> overlongCode = http.send(HttpRequest.newBuilder(URI.create(site + "/login/oidc/callback?code="
                + "c".repeat(5000) + "&state=" + state)).header("Cookie", "dossier-oidc=" + sealed).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, overlongCode.statusCode(), "a code longer than any provider's is not sent on");
    }

    @Test
    @Order(2)
    void firstSignInMakesTheAccountWithTheRolesOfItsGroups() {
        BrowserContext ada = context();
        Page page = signIn(ada, "ada", "/login?return=%2F%2Fevil.example%2Fx");
        assertEquals(site + "/", page.url(), "a return address off the site leads home");
        JsonObject me = me(ada);
        assertEquals("ada", me.getString("username"));
        assertTrue(roles(me).contains("editor"), me.toString());
        assertFalse(roles(me).contains("admin"), me.toString());
        assertTrue(page.content().contains("Log out"));

        // A personal API token works for an account made by sign-in, as for any other.
        page.navigate(site + "/account/tokens");
        page.fill("#token-name", "script");
        page.click("form[action='/account/tokens'] button[type=submit]");
        String token = page.textContent("#new-token").strip();
        APIResponse byToken = playwright.request().newContext().get(site + "/api/me",
                com.microsoft.playwright.options.RequestOptions.create().setHeader("Authorization", "Bearer " + token));
        assertEquals(200, byToken.status(), byToken.text());
        assertTrue(byToken.text().contains("\"ada\""), byToken.text());

        BrowserContext grace = context();
        signIn(grace, "grace", "/login?return=%2Fsearch%3Fq%3Dx");
        JsonObject admin = me(grace);
        assertEquals("grace", admin.getString("username"));
        assertTrue(roles(admin).contains("admin"), admin.toString());
    }

    @Test
    @Order(3)
    void aChangedGroupChangesTheRoleAtTheNextSignIn() throws Exception {
        BrowserContext first = context();
        signIn(first, "linus", "/login");
        assertFalse(roles(me(first)).contains("editor"), "not in the editors' group yet");

        keycloak.member(REALM, "linus", "editors", true);
        BrowserContext second = context();
        signIn(second, "linus", "/login");
        assertEquals("linus", me(second).getString("username"), "the same account, not a second one");
        assertTrue(roles(me(second)).contains("editor"), me(second).toString());

        keycloak.member(REALM, "linus", "editors", false);
        BrowserContext third = context();
        signIn(third, "linus", "/login");
        assertFalse(roles(me(third)).contains("editor"), "taken out of the editors' group: " + me(third));
    }

    @Test
    @Order(4)
    void aWrongStateIsRefusedAndAReplayedCodeToo() throws Exception {
        BrowserContext victim = context();
        Page page = victim.newPage();
        page.navigate(site + "/login");
        page.click("text=Log in with " + LABEL);
        page.waitForSelector("#username");
        // The sign-in's sealed cookie is kept aside and taken from the browser: the answer then reaches the site
        // without it, and is refused before its code is used (so the code can be used below).
        Cookie flow = victim.cookies(site).stream().filter(c -> c.name.equals("dossier-oidc")).findFirst().orElseThrow();
        victim.clearCookies(new BrowserContext.ClearCookiesOptions().setName("dossier-oidc"));
        page.fill("#username", "ada");
        page.fill("#password", "ada-sso-password");
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(site + "/login/oidc/callback"));
        String callback = page.url();
        assertTrue(callback.contains("code=") && callback.contains("state="), callback);
        assertEquals(400, page.navigate(callback).status(), "an answer this browser did not ask for is refused");
        assertEquals(401, victim.request().get(site + "/api/me").status());
        victim.addCookies(List.of(new Cookie(flow.name, flow.value).setDomain(flow.domain).setPath(flow.path)));

        String wrongState = callback.replaceAll("state=[^&]+", "state=" + "A".repeat(43));
        com.microsoft.playwright.Response refused = page.navigate(wrongState);
        assertEquals(400, refused.status());
        assertTrue(page.content().contains("did not start in this browser"), page.content());
        assertEquals(401, victim.request().get(site + "/api/me").status(), "no session from a wrong state");

        com.microsoft.playwright.Response accepted = page.navigate(callback);
        assertEquals(200, accepted.status());
        assertEquals("ada", me(victim).getString("username"));

        // The same code and state again, with the flow's cookie as it was: the provider refuses a code used once.
        BrowserContext replay = context();
        replay.addCookies(List.of(new Cookie(flow.name, flow.value).setDomain(flow.domain).setPath(flow.path)));
        Page again = replay.newPage();
        com.microsoft.playwright.Response replayed = again.navigate(callback);
        assertEquals(401, replayed.status(), again.content());
        assertTrue(again.content().contains("could not be accepted"), again.content());
        assertEquals(401, replay.request().get(site + "/api/me").status(), "no session from a replayed code");
        assertTrue(Files.readString(node.log()).contains("the provider refused the code: invalid_grant"));
    }

    @Test
    @Order(5)
    void logoutEndsBothSessions() {
        BrowserContext ada = context();
        Page page = signIn(ada, "ada", "/login");
        // While Keycloak's session lives, signing in again needs no password: its login form is not shown.
        page.navigate(site + "/login/oidc");
        page.waitForURL(url -> url.startsWith(site));
        assertEquals("ada", me(ada).getString("username"));

        page.click("button:has-text('Log out')");
        page.waitForURL(url -> url.startsWith(site) && !url.contains("/logout"));
        assertEquals(401, ada.request().get(site + "/api/me").status(), "Dossier's session is over");
        page.navigate(site + "/login/oidc");
        page.waitForSelector("#username");
        assertTrue(page.url().startsWith(keycloak.issuer(REALM)), "Keycloak asks for the password again: its session is over too");
    }

    @Test
    @Order(6)
    void aLocalAccountWithTheSameAddressIsNotTakenOver() {
        dossier.testing.Browser owner = new dossier.testing.Browser(URI.create(site));
        assertEquals(303, owner.register("local-owner", "a-long-enough-password").statusCode());

        BrowserContext mallory = context();
        Page page = signIn(mallory, "mallory", "/login");
        assertTrue(page.url().startsWith(site + "/login/link"), page.url());
        assertEquals(401, mallory.request().get(site + "/api/me").status(), "the address alone signs nobody in");

        dossier.testing.Browser again = new dossier.testing.Browser(URI.create(site));
        assertEquals(303, again.logIn("local-owner", "a-long-enough-password").statusCode());
        String me = again.json("GET", "/api/me", null, false).body();
        assertTrue(me.contains("\"local-owner\"") && !me.contains("editor"), "the local account kept its roles: " + me);
    }

    /** Median of full sign-ins (Keycloak's form filled in) and of sign-ins while Keycloak's session lives. */
    @Test
    @Order(7)
    void signInRoundTrips() {
        List<Double> full = new ArrayList<>();
        List<Double> silent = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            BrowserContext reader = context();
            Page page = reader.newPage();
            page.navigate(site + "/login");
            long start = System.nanoTime();
            page.click("text=Log in with " + LABEL);
            page.waitForSelector("#username");
            page.fill("#username", "round0");
            page.fill("#password", "round0-sso-password");
            page.click("#kc-login");
            page.waitForURL(url -> url.startsWith(site) && !url.contains("/login/oidc"));
            double seconds = (System.nanoTime() - start) / 1e9;
            long again = System.nanoTime();
            page.navigate(site + "/login/oidc");
            page.waitForURL(url -> url.startsWith(site) && !url.contains("/login/oidc"));
            double silently = (System.nanoTime() - again) / 1e9;
            assertEquals("round0", me(reader).getString("username"));
            if (i > 0) { // the first warms both servers up
                full.add(seconds);
                silent.add(silently);
            }
            reader.close();
            contexts.remove(reader);
        }
        note("OIDC sign-in through Keycloak's form, click to signed in (n=%d): median %.0f ms, min %.0f, max %.0f",
                full.size(), median(full) * 1000, Collections.min(full) * 1000, Collections.max(full) * 1000);
        note("OIDC sign-in with Keycloak's session alive, /login/oidc to signed in (n=%d): median %.0f ms, min %.0f, max %.0f",
                silent.size(), median(silent) * 1000, Collections.min(silent) * 1000, Collections.max(silent) * 1000);
    }

    // --- helpers ---

    private BrowserContext context() {
        BrowserContext context = chromium.newContext();
        contexts.add(context);
        return context;
    }

    /** Signs in through Keycloak's own login page from the site's page at {@code from}; gives the page back on the site. */
    private Page signIn(BrowserContext context, String user, String from) {
        Page page = context.newPage();
        page.navigate(site + from);
        page.click("text=Log in with " + LABEL);
        page.waitForSelector("#username");
        assertTrue(page.url().startsWith(keycloak.issuer(REALM)), page.url());
        page.fill("#username", user);
        page.fill("#password", user + "-sso-password");
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(site) && !url.contains("/login/oidc"));
        return page;
    }

    private JsonObject me(BrowserContext context) {
        APIResponse answer = context.request().get(site + "/api/me");
        assertEquals(200, answer.status(), "signed in");
        return Json.createReader(new StringReader(answer.text())).readObject();
    }

    private static Set<String> roles(JsonObject me) {
        return me.getJsonArray("roles").stream().map(v -> ((JsonString) v).getString()).collect(Collectors.toSet());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        report.add(line);
        LOG.info(line);
    }
}
