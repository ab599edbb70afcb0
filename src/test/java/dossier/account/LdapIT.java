package dossier.account;

import dossier.account.control.PasswordHash;
import dossier.testing.Browser;
import dossier.testing.Html;
import dossier.testing.PayaraNode;
import dossier.testing.PostgresCluster;
import dossier.testing.TestDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing in with the organization's directory, against the real WAR in one Payara Micro (on a throwaway PostgreSQL)
 * and a real LDAP server that the test starts on a loopback port (UnboundID's in-memory directory, speaking StartTLS
 * with a certificate made for the run, which the node's JVM trusts). The site runs as
 * an organization would run it: the directory for everyone, no local accounts ({@code dossier.accounts.local=false})
 * but the break-glass login of the local administrator. The methods run in order on the one server; the directory
 * goes down last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LdapIT {

    private static final Logger LOG = Logger.getLogger(LdapIT.class.getName());
    static final Path DIR = Path.of("target/ldap").toAbsolutePath();
    static final String PASSWORD = "directory-password-1";
    static final String LOCAL_PASSWORD = "local-password-of-dora";

    private TestDirectory ldap;
    private PostgresCluster postgres;
    private PayaraNode node;
    private long started;

    @BeforeAll
    void start() throws Exception {
        started = System.nanoTime();
        PayaraNode.clean(DIR);
        // StartTLS, as the site speaks to a directory by default: the node's JVM trusts the directory's certificate.
        ldap = TestDirectory.startWithStartTls(DIR.resolve("tls"));
        ldap.addPerson("ada", PASSWORD, "ada@example.org", "Ada Lovelace", "editors", "staff");
        ldap.addPerson("bob", PASSWORD, "bob@example.org", "Bob Admin", "admins");
        ldap.addPerson("carol", PASSWORD, "carol@example.org", "Carol");
        ldap.addPerson("dora.d", PASSWORD, "Dora@Example.org", "Dora in the directory");
        ldap.addPerson("eve", PASSWORD, "eve@example.org", "Eve");
        ldap.addPerson("frank", PASSWORD, "frank@example.org", "Frank");
        postgres = PostgresCluster.start();
        Map<String, String> environment = new HashMap<>(ldap.settings());
        environment.putAll(Map.of(
                "DOSSIER_DB_DRIVER", "org.postgresql.ds.PGSimpleDataSource",
                "DOSSIER_DB_URL", postgres.jdbcUrl(),
                "DOSSIER_DB_USER", "postgres",
                "DOSSIER_DB_PASSWORD", "unused-with-trust",
                "DOSSIER_ACCOUNTS_LOCAL", "false"));
        node = new PayaraNode("ldap", DIR, environment, List.of("--nohazelcast", "--postbootcommandfile",
                Path.of("src/main/payara/single-node.asadmin").toAbsolutePath().toString()))
                .withJvmOptions(ldap.trustStoreOptions());
        node.start();
        LOG.info(String.format("ready after %.1f s", node.awaitReady()));
        // A local account made before the site turned to the directory, with the address that dora.d has there.
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
             PreparedStatement insert = db.prepareStatement("""
                     INSERT INTO account (id, username, email, password_hash, banned, created_at, version)
                     VALUES (nextval('account_seq'), 'dora', 'dora@example.org', ?, FALSE, CURRENT_TIMESTAMP, 1)""")) {
            insert.setString(1, new PasswordHash(PasswordHash.MIN_ITERATIONS).hash(LOCAL_PASSWORD));
            insert.executeUpdate();
            db.createStatement().executeUpdate("INSERT INTO account_role (account_id, role) SELECT id, 'reader' FROM account WHERE username = 'dora'");
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (node != null) {
                node.stop();
            }
        } finally {
            if (ldap != null) {
                ldap.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            Files.writeString(DIR.resolve("report.txt"), String.format("LdapIT: %.1f s from start to end, Payara start included%n",
                    (System.nanoTime() - started) / 1e9));
        }
    }

    private Browser visitor() {
        return new Browser(node.uri("/"));
    }

    private static HttpResponse<String> signIn(Browser browser, String username, String password) {
        browser.get("/login?return=%2Ftags%2Fsso");
        return browser.submit("/login", "username", username, "password", password, "return", "/tags/sso");
    }

    private static String me(Browser browser) {
        HttpResponse<String> me = browser.json("GET", "/api/me", null, false);
        return me.statusCode() == 200 ? me.body() : "status " + me.statusCode();
    }

    @Test
    @Order(1)
    void theLoginPageAsksForTheOrganizationsAccountAndNobodyRegisters() {
        HttpResponse<String> page = visitor().get("/login");
        assertEquals(200, page.statusCode());
        assertEquals("Username at your organization", Html.text(page, "label[for=username]"));
        assertTrue(Html.select(page, "a[href^=/register]").isEmpty(), "no registration link, in the form or the masthead");
        HttpResponse<String> article = visitor().get("/articles/data-sovereignty-air-gapped");
        assertEquals(200, article.statusCode());
        assertTrue(Html.select(article, "a[href^=/register]").isEmpty(), "nor under a discussion");
        assertFalse(Html.select(article, "a[href^=/login]").isEmpty());
        assertTrue(Html.select(page, "a[href=/forgot]").isEmpty(), "no local password to reset");
        Browser someone = visitor();
        assertEquals(404, someone.get("/register").statusCode());
        someone.get("/login");
        assertEquals(404, someone.submit("/register", "username", "mallory", "email", "m@example.org", "password", "a-long-enough-password")
                .statusCode(), "no account made by a form");
    }

    @Test
    @Order(2)
    void theFirstSignInMakesTheAccountAndGroupsGiveRoles() throws Exception {
        Browser ada = visitor();
        HttpResponse<String> in = signIn(ada, "Ada", PASSWORD);
        assertEquals(303, in.statusCode(), in.body());
        assertEquals("/tags/sso", in.headers().firstValue("Location").orElseThrow(), "back where she was going");
        String me = me(ada);
        assertTrue(me.contains("\"username\":\"ada\""), me);
        assertTrue(me.contains("\"editor\""), "the editors' group gives the editor role: " + me);
        assertFalse(me.contains("\"admin\""), me);
        HttpResponse<String> account = ada.get("/account");
        assertEquals(200, account.statusCode());
        assertTrue(account.body().contains("Ada Lovelace"), "the directory's name is the display name");

        assertTrue(ldap.binds.contains(TestDirectory.dn("ada")), "bound as ada: " + ldap.binds);
        assertEquals(1, logLines("over TLS, users under"), "the site speaks StartTLS to the directory");

        Browser bob = visitor();
        assertEquals(303, signIn(bob, "bob", PASSWORD).statusCode());
        assertTrue(me(bob).contains("\"admin\""), me(bob));
        assertEquals(200, bob.get("/admin/users").statusCode(), "the administrators' group gives the administrator role");
    }

    @Test
    @Order(3)
    void aWrongPasswordIsRefusedWithTheFormKeptFilled() {
        Browser someone = visitor();
        HttpResponse<String> wrong = signIn(someone, "ada", "not-her-password");
        assertEquals(401, wrong.statusCode());
        assertEquals("The username or the password is not right.", Html.text(wrong, "[role=alert]"));
        assertEquals("ada", Html.select(wrong, "input[name=username]").attr("value"));
        assertEquals("status 401", me(someone));
        assertEquals(401, signIn(someone, "nobody-here", PASSWORD).statusCode(), "an unknown name, the same answer");
        assertEquals(401, signIn(someone, "ada", "").statusCode(), "an empty password signs no one in");
        assertEquals("status 401", me(someone));
    }

    @Test
    @Order(4)
    void rolesFollowTheGroupsAtTheNextSignIn() throws Exception {
        ldap.setGroups("ada", "staff");
        ldap.setGroups("bob");
        Browser ada = visitor();
        assertEquals(303, signIn(ada, "ada", PASSWORD).statusCode());
        assertFalse(me(ada).contains("\"editor\""), "out of the editors' group, no longer an editor: " + me(ada));
        Browser bob = visitor();
        assertEquals(303, signIn(bob, "bob", PASSWORD).statusCode());
        assertFalse(me(bob).contains("\"admin\""), "out of the administrators' group: " + me(bob));
        assertEquals(403, bob.get("/admin/users").statusCode());
        ldap.setGroups("ada", "editors");
        assertEquals(303, signIn(visitor(), "ada", PASSWORD).statusCode());
    }

    @Test
    @Order(5)
    void aBannedAccountStaysBannedWhateverTheDirectorySays() throws Exception {
        Browser carol = visitor();
        assertEquals(303, signIn(carol, "carol", PASSWORD).statusCode());
        Browser chief = visitor();
        assertEquals(303, signIn(chief, PayaraNode.ADMIN, PayaraNode.ADMIN_PASSWORD).statusCode(),
                "the local administrator, whom the directory does not know, logs in with the same form");
        chief.get("/");
        assertEquals(303, chief.submit("/users/carol/ban", "return", "/").statusCode());

        ldap.setGroups("carol", "editors", "admins");
        Browser again = visitor();
        HttpResponse<String> refused = signIn(again, "carol", PASSWORD);
        assertEquals(403, refused.statusCode());
        assertTrue(Html.text(refused, "[role=alert]").contains("banned"), Html.text(refused, "[role=alert]"));
        assertEquals("status 401", me(again));
        assertTrue(me(carol).contains("\"banned\":true"), "the session she had is a banned reader's now: " + me(carol));
    }

    @Test
    @Order(6)
    void filterCharactersInTheNameFindNobody() {
        for (String name : List.of("*", "ad*", "*)(uid=ada", "ada)(|(uid=*", "\\2a", "ada\\")) {
            Browser mallory = visitor();
            HttpResponse<String> answer = signIn(mallory, name, PASSWORD);
            assertEquals(401, answer.statusCode(), name);
            assertEquals("status 401", me(mallory), name);
        }
    }

    @Test
    @Order(7)
    void theSameAddressAsALocalAccountIsNeverTakenOver() {
        Browser dora = visitor();
        HttpResponse<String> offered = signIn(dora, "dora.d", PASSWORD);
        assertEquals(303, offered.statusCode(), offered.body());
        assertEquals("/login/link", offered.headers().firstValue("Location").orElseThrow());
        assertEquals("status 401", me(dora), "not signed in to anything yet");
        HttpResponse<String> page = dora.get("/login/link");
        assertEquals(200, page.statusCode());
        assertTrue(Html.text(page, "main").contains("@dora"), Html.text(page, "main"));

        HttpResponse<String> wrong = dora.submit("/login/link", "password", PASSWORD);
        assertEquals(401, wrong.statusCode(), "the directory's password is not the local account's");
        assertEquals("status 401", me(dora));
        assertEquals(401, signIn(visitor(), "dora", LOCAL_PASSWORD).statusCode(),
                "with local accounts off, a reader's local password opens nothing");
        Browser stranger = visitor();
        stranger.get("/login");
        assertEquals(400, stranger.submit("/login/link", "password", LOCAL_PASSWORD).statusCode(), "the offer is the browser's own");

        dora.get("/login/link");
        HttpResponse<String> linked = dora.submit("/login/link", "password", LOCAL_PASSWORD);
        assertEquals(303, linked.statusCode(), linked.body());
        assertEquals("/tags/sso", linked.headers().firstValue("Location").orElseThrow());
        assertTrue(me(dora).contains("\"username\":\"dora\""), me(dora));
        Browser later = visitor();
        assertEquals(303, signIn(later, "dora.d", PASSWORD).statusCode());
        assertTrue(me(later).contains("\"username\":\"dora\""), "linked: the directory's sign-in opens the account now");
    }

    @Test
    @Order(8)
    void theBreakGlassFormLetsAdministratorsInAndNobodyElse() {
        Browser chief = visitor();
        HttpResponse<String> form = chief.get("/login?local");
        assertEquals(200, form.statusCode());
        assertTrue(Html.text(form, "main").contains("administrators"), Html.text(form, "main"));
        assertEquals("1", Html.select(form, "input[name=local]").attr("value"));
        assertEquals(303, chief.submit("/login", "username", PayaraNode.ADMIN, "password", PayaraNode.ADMIN_PASSWORD, "local", "1").statusCode());
        assertTrue(me(chief).contains("\"admin\""));
        Browser dora = visitor();
        dora.get("/login?local");
        assertEquals(401, dora.submit("/login", "username", "dora", "password", LOCAL_PASSWORD, "local", "1").statusCode());
        Browser ada = visitor();
        ada.get("/login?local");
        assertEquals(401, ada.submit("/login", "username", "ada", "password", PASSWORD, "local", "1").statusCode(),
                "the break-glass form does not ask the directory");
    }

    @Test
    @Order(9)
    void personalApiTokensWorkForAccountsTheDirectoryMade() throws Exception {
        Browser frank = visitor();
        assertEquals(303, signIn(frank, "frank", PASSWORD).statusCode());
        frank.get("/account/tokens");
        HttpResponse<String> made = frank.submit("/account/tokens", "name", "a script");
        assertEquals(201, made.statusCode());
        String token = Html.text(made, "#new-token");
        HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.uri("/api/me"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode());
        assertTrue(me.body().contains("\"username\":\"frank\""), me.body());
    }

    @Test
    @Order(10)
    void failedDirectoryLoginsAreThrottledAsLocalOnesAre() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, signIn(visitor(), "eve", "wrong-" + i).statusCode());
        }
        HttpResponse<String> throttled = signIn(visitor(), "eve", PASSWORD);
        assertEquals(429, throttled.statusCode(), "the right password too waits now");
        assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
        assertEquals("eve", Html.select(throttled, "input[name=username]").attr("value"));
    }

    @Test
    @Order(11)
    void aDirectoryThatIsDownIsSaidPlainlyAndTheAdministratorStillLogsIn() throws Exception {
        ldap.stop();
        try {
            long linesBefore = logLines("cannot be used for sign-in");
            double unavailableBefore = loginsCounted("unavailable");
            Browser ada = visitor();
            HttpResponse<String> down = signIn(ada, "ada", PASSWORD);
            assertEquals(503, down.statusCode());
            assertTrue(Html.text(down, "[role=alert]").contains("cannot be reached"), Html.text(down, "[role=alert]"));
            assertEquals("ada", Html.select(down, "input[name=username]").attr("value"), "the form kept filled");
            assertEquals(linesBefore + 1, logLines("cannot be used for sign-in"), "one log line");
            assertEquals(unavailableBefore + 1, loginsCounted("unavailable"), "counted at /metrics");
            assertEquals("status 401", me(ada));
            Browser chief = visitor();
            assertEquals(303, signIn(chief, PayaraNode.ADMIN, PayaraNode.ADMIN_PASSWORD).statusCode(), "the local administrator still logs in");
        } finally {
            ldap.restart();
        }
        assertEquals(303, signIn(visitor(), "ada", PASSWORD).statusCode(), "back up: the outage counted as no failure");
    }

    private double loginsCounted(String outcome) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.uri("/metrics?scope=application")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("dossier_logins_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} ([0-9.E]+)")
                .matcher(metrics);
        assertTrue(m.find(), metrics);
        return Double.parseDouble(m.group(1));
    }

    private long logLines(String text) throws Exception {
        try (var lines = Files.lines(node.log())) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }
}
