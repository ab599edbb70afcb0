package dossier.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dossier.testing.Browser;
import dossier.testing.PayaraNode;
import dossier.testing.PostgresCluster;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dossier.testing.Polling.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mail as readers meet it, against the real WAR with a real SMTP server: two Payara Micro nodes on one throwaway
 * PostgreSQL, each with its own mail sender, and GreenMail, which the test starts on a free loopback port and
 * which receives the mails over a socket. The nodes are not clustered for sessions (each visitor keeps to one
 * node); what they share is the database, and so the outbox. Figures go to {@code target/mail/report.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailIT {

    private static final Logger LOG = Logger.getLogger(MailIT.class.getName());
    static final Path DIR = Path.of("target/mail").toAbsolutePath();
    static final String PASSWORD = "a-long-enough-password";
    static final String BASE_URL = "https://dossier.test";
    static final String ARTICLE = "/articles/data-sovereignty-air-gapped";
    static final Pattern LINK = Pattern.compile(Pattern.quote(BASE_URL) + "(/verify-email\\?token=[A-Za-z0-9_-]{43})");
    static final Pattern RESET_LINK = Pattern.compile(Pattern.quote(BASE_URL) + "(/reset\\?token=([A-Za-z0-9_-]{43}))");
    static final int REGISTRATIONS_PER_ADDRESS = 3;

    private PostgresCluster postgres;
    private final List<PayaraNode> nodes = new ArrayList<>();
    private int smtpPort;
    private GreenMail smtp;
    /** What earlier runs of the SMTP server received (a stopped GreenMail forgets). */
    private final List<MimeMessage> earlier = Collections.synchronizedList(new ArrayList<>());
    private final List<String> report = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void start() throws Exception {
        PayaraNode.clean(DIR);
        smtpPort = PostgresCluster.freePort();
        startSmtp();
        postgres = PostgresCluster.start();
        Map<String, String> environment = new HashMap<>(Map.of(
                "DOSSIER_DB_DRIVER", "org.postgresql.ds.PGSimpleDataSource",
                "DOSSIER_DB_URL", postgres.jdbcUrl(),
                "DOSSIER_DB_USER", "postgres",
                "DOSSIER_DB_PASSWORD", "unused-with-trust",
                "DOSSIER_MAIL_HOST", "127.0.0.1",
                "DOSSIER_MAIL_PORT", String.valueOf(smtpPort),
                "DOSSIER_MAIL_STARTTLS", "false",
                "DOSSIER_MAIL_FROM", "dossier@dossier.test",
                "DOSSIER_BASE_URL", BASE_URL,
                "DOSSIER_REGISTER_ADDRESS_LIMIT", String.valueOf(REGISTRATIONS_PER_ADDRESS)));
        // Each reader's first comment waits for a moderator: how a held comment comes about (NotificationScenarios).
        environment.put("DOSSIER_COMMENTS_PREMODERATE_FIRST", "true");
        // Waits of 1 s doubling to 30 s (not 1 minute to 6 hours): a test cannot wait for hours.
        environment.put("DOSSIER_MAIL_RETRY_FIRST", "PT1S");
        environment.put("DOSSIER_MAIL_RETRY_LAST", "PT30S");
        List<String> single = List.of("--nohazelcast", "--postbootcommandfile",
                Path.of("src/main/payara/single-node.asadmin").toAbsolutePath().toString());
        nodes.add(new PayaraNode("mail-a", DIR, environment, single));
        nodes.add(new PayaraNode("mail-b", DIR, environment, single));
        // One after the other: the first migrates the database, the second finds it done.
        for (PayaraNode n : nodes) {
            n.start();
            note("%s ready after %.1f s", n.name(), awaitReady(n));
        }
    }

    /** Seconds until the node is ready: up to 10 minutes, as on a machine that other builds keep busy. */
    private static double awaitReady(PayaraNode node) throws Exception {
        long start = System.nanoTime();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        assertTrue(eventually(Duration.ofMinutes(10), () -> {
            try {
                return http.send(HttpRequest.newBuilder(node.uri("/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (java.io.IOException notYet) {
                return false;
            }
        }), node.name() + " did not become ready in 10 minutes; see " + node.log());
        double seconds = (System.nanoTime() - start) / 1e9;
        node.awaitImported(Duration.ofMinutes(10)); // the tests read the content folder's articles
        return seconds;
    }

    @AfterAll
    void stop() throws Exception {
        for (PayaraNode n : nodes) {
            n.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        Files.write(DIR.resolve("report.txt"), report);
    }

    private void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private void stopSmtp() {
        earlier.addAll(List.of(smtp.getReceivedMessages()));
        smtp.stop();
    }

    private void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        report.add(line);
        LOG.info(line);
    }

    // --- what a reader's mailbox holds ---

    private List<MimeMessage> received() {
        List<MimeMessage> all = new ArrayList<>(earlier);
        if (smtp.isRunning()) {
            all.addAll(List.of(smtp.getReceivedMessages()));
        }
        return all;
    }

    private List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> mine = new ArrayList<>();
        for (MimeMessage m : received()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                mine.add(m);
            }
        }
        return mine;
    }

    /** Waits until this many mails to the address have arrived, then gives them (oldest first). */
    private List<MimeMessage> awaitMails(String address, int count) throws Exception {
        assertTrue(eventually(Duration.ofSeconds(60), () -> mailsTo(address).size() >= count),
                "expected " + count + " mail(s) to " + address + ", got " + mailsTo(address).size());
        return mailsTo(address);
    }

    private static String text(MimeMessage m) throws Exception {
        return (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
    }

    private static String html(MimeMessage m) throws Exception {
        return (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
    }

    /** The path of the verification link in a mail (its address is absolute, on the configured base URL). */
    private static String link(MimeMessage m) throws Exception {
        Matcher matcher = LINK.matcher(text(m));
        assertTrue(matcher.find(), text(m));
        return matcher.group(1);
    }

    // --- visitors ---

    private static String name() {
        return "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A client address of its own, as a trusted proxy reports it: registrations are limited per address. */
    private static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    /** Fills in the registration form on this node, from this client address; extra fields after the four. */
    private static HttpResponse<String> register(Browser b, String username, String email, String from, String... extra) {
        b.get("/register");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", b.csrfToken());
        form.put("username", username);
        form.put("email", email);
        form.put("password", PASSWORD);
        for (int i = 0; i < extra.length; i += 2) {
            form.put(extra[i], extra[i + 1]);
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = b.send(b.request("/register").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(body)), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 303) {
            b.get("/"); // the session's own CSRF token, as a browser following the redirect would see it
        }
        return answer;
    }

    private static Browser on(PayaraNode node) {
        return new Browser(node.uri("/"));
    }

    private record Reader(Browser browser, String name, String email) {
    }

    private Reader newReader(PayaraNode node) {
        Browser b = on(node);
        String name = name();
        String email = name + "@example.org";
        assertEquals(303, register(b, name, email, address()).statusCode(), name + " registers");
        return new Reader(b, name, email);
    }

    private static HttpResponse<String> comment(Browser b, String text) {
        b.get(ARTICLE);
        return b.submit(ARTICLE + "/comments", "body", text);
    }

    // --- scenarios ---

    @Test
    @Order(1)
    void aNewReaderGetsOneMailWhoseLinkConfirmsTheAddressAndOnlyThenComments() throws Exception {
        Reader alice = newReader(nodes.get(0));

        List<MimeMessage> mails = awaitMails(alice.email(), 1);
        MimeMessage mail = mails.get(0);
        assertEquals("Confirm your e-mail address", mail.getSubject());
        assertEquals("dossier@dossier.test", mail.getFrom()[0].toString());
        assertTrue(mail.getMessageID().matches("<[0-9a-f]{32}\\.\\d+@dossier\\.test>"), mail.getMessageID());
        assertTrue(mail.isMimeType("multipart/alternative"));
        assertTrue(text(mail).contains("Hello " + alice.name() + ","));
        String path = link(mail);
        assertTrue(html(mail).contains("href=\"" + BASE_URL + path + "\""), "the HTML part has the same absolute link");

        // Unconfirmed: reads, is logged in, but the form asks for the address first, and a post is refused.
        String page = alice.browser().get(ARTICLE).body();
        assertTrue(page.contains("Confirm your e-mail address to comment"), page);
        assertFalse(page.contains("id=\"comment-body\""), "no comment form yet");
        String first = "Before confirming " + UUID.randomUUID();
        assertEquals(403, comment(alice.browser(), first).statusCode());
        assertFalse(alice.browser().get(ARTICLE).body().contains(first));

        // The link shows a button; only the button uses it.
        HttpResponse<String> opened = alice.browser().get(path);
        assertEquals(200, opened.statusCode());
        assertTrue(opened.body().contains("Confirm my address"));
        assertEquals("no-store", opened.headers().firstValue("Cache-Control").orElse(""));
        String token = path.substring(path.indexOf('=') + 1);
        HttpResponse<String> confirmed = alice.browser().submit("/verify-email", "token", token);
        assertEquals(200, confirmed.statusCode());
        assertTrue(confirmed.body().contains("Your e-mail address is confirmed"), confirmed.body());

        String second = "After confirming " + UUID.randomUUID();
        assertEquals(303, comment(alice.browser(), second).statusCode());
        assertTrue(alice.browser().get(ARTICLE).body().contains(second));

        // Used: refused, whether opened or sent again, from the other node too.
        Browser elsewhere = on(nodes.get(1));
        assertEquals(410, elsewhere.get(path).statusCode());
        assertTrue(elsewhere.get(path).body().contains("This link has been used already"));
        assertEquals(410, elsewhere.submit("/verify-email", "token", token).statusCode());
        assertEquals(1, mailsTo(alice.email()).size(), "one mail per registration");
    }

    @Test
    @Order(2)
    void anExpiredLinkIsRefusedAndANewOneCanBeAskedForAFewTimesAnHour() throws Exception {
        Reader bob = newReader(nodes.get(1));
        String path = link(awaitMails(bob.email(), 1).get(0));
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
             Statement sql = db.createStatement()) {
            // 48 hours pass for this account's link.
            sql.executeUpdate("UPDATE email_verification SET expires_ms = 0 WHERE account_id = "
                    + "(SELECT id FROM account WHERE username = '" + bob.name() + "')");
        }
        HttpResponse<String> expired = bob.browser().get(path);
        assertEquals(410, expired.statusCode());
        assertTrue(expired.body().contains("This link has expired"));
        assertTrue(expired.body().contains("Send me a new link"), "an unconfirmed reader is offered a new link");
        assertEquals(410, bob.browser().submit("/verify-email", "token", path.substring(path.indexOf('=') + 1)).statusCode());

        // The comment form's button: three more links this hour (four with the first), then 429.
        for (int i = 0; i < 3; i++) {
            bob.browser().get(ARTICLE);
            HttpResponse<String> sent = bob.browser().submit("/account/verify-email", "return", ARTICLE + "#comments");
            assertEquals(200, sent.statusCode(), sent.body());
            assertTrue(sent.body().contains("A new link is on its way to " + bob.email()));
        }
        HttpResponse<String> limited = bob.browser().submit("/account/verify-email", "return", ARTICLE + "#comments");
        assertEquals(429, limited.statusCode());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        List<MimeMessage> mails = awaitMails(bob.email(), 4);
        Thread.sleep(2_000);
        assertEquals(4, mailsTo(bob.email()).size(), "the refused request sent nothing");

        // The newest link works.
        String fresh = link(mails.get(mails.size() - 1));
        assertEquals(200, bob.browser().submit("/verify-email", "token", fresh.substring(fresh.indexOf('=') + 1)).statusCode());
        assertEquals(303, comment(bob.browser(), "Confirmed at last " + UUID.randomUUID()).statusCode());
    }

    @Test
    @Order(3)
    void registrationsPerAddressAreLimitedOnEveryNodeAndARefusedOneLeavesNoAccountAndNoMail() throws Exception {
        String from = address();
        for (int i = 0; i < REGISTRATIONS_PER_ADDRESS; i++) {
            String n = name();
            // Alternating nodes: the count is the database's, not a node's.
            assertEquals(303, register(on(nodes.get(i % 2)), n, n + "@example.org", from).statusCode());
        }
        String refusedName = name();
        String refusedEmail = refusedName + "@example.org";
        HttpResponse<String> refused = register(on(nodes.get(1)), refusedName, refusedEmail, from);
        assertEquals(429, refused.statusCode());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 3601, "Retry-After " + retryAfter);
        assertTrue(refused.body().contains("Too many registrations from your address"));
        assertTrue(refused.body().contains("value=\"" + refusedName + "\""), "the form is kept filled");
        assertTrue(refused.body().contains("value=\"" + refusedEmail + "\""));
        assertEquals(401, on(nodes.get(0)).logIn(refusedName, PASSWORD).statusCode(), "no account was made");

        // Another address registers as before.
        Reader other = newReader(nodes.get(1));
        awaitMails(other.email(), 1);
        assertEquals(List.of(), mailsTo(refusedEmail), "no mail for the refused registration");
    }

    @Test
    @Order(4)
    void aFilledInHiddenFieldStopsASimpleBot() throws Exception {
        String n = name();
        HttpResponse<String> bot = register(on(nodes.get(0)), n, n + "@example.org", address(), "website", "http://spam.example");
        assertEquals(400, bot.statusCode());
        assertEquals(401, on(nodes.get(0)).logIn(n, PASSWORD).statusCode(), "no account");
        String form = on(nodes.get(0)).get("/register").body();
        assertTrue(form.contains("name=\"website\""), "the field is in the form");
        assertTrue(form.contains("<div class=\"trap\" hidden"), "and hidden from people");
    }

    @Test
    @Order(5)
    void aChangeThatRollsBackSendsNoMail() throws Exception {
        String doomed = "doomed" + name().substring(1);
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
             Statement sql = db.createStatement()) {
            // The database refuses this one registration when it commits, after its outbox row was written.
            sql.execute("""
                    CREATE OR REPLACE FUNCTION refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF NEW.recipient LIKE 'doomed%' THEN RAISE EXCEPTION 'refused at commit'; END IF;
                      RETURN NEW;
                    END $$""");
            sql.execute("""
                    CREATE CONSTRAINT TRIGGER doomed_at_commit AFTER INSERT ON mail_outbox
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_doomed()""");
        }
        try {
            HttpResponse<String> failed = register(on(nodes.get(0)), doomed, doomed + "@example.org", address());
            assertNotEquals(303, failed.statusCode(), "the registration did not happen");
            assertEquals(401, on(nodes.get(0)).logIn(doomed, PASSWORD).statusCode(), "no account");
        } finally {
            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
                 Statement sql = db.createStatement()) {
                sql.execute("DROP TRIGGER doomed_at_commit ON mail_outbox");
            }
        }
        // A registration after it is mailed: the sender works, and still nothing went to the rolled-back one.
        Reader after = newReader(nodes.get(0));
        awaitMails(after.email(), 1);
        assertEquals(List.of(), mailsTo(doomed + "@example.org"));
    }

    @Test
    @Order(6)
    void mailsQueuedWhileTheMailServerIsDownArriveOnceEachWhenItIsBack() throws Exception {
        stopSmtp();
        List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            readers.add(newReader(nodes.get(i % 2)));
        }
        // Each reader asks for three more links: 24 mails from both nodes in all.
        for (Reader r : readers) {
            for (int i = 0; i < 3; i++) {
                r.browser().get(ARTICLE);
                assertEquals(200, r.browser().submit("/account/verify-email", "return", ARTICLE).statusCode());
            }
        }
        // The senders try and fail meanwhile; administrators see the mails waiting with the reason.
        Browser admin = on(nodes.get(1));
        assertEquals(303, admin.logIn(PayaraNode.ADMIN, PayaraNode.ADMIN_PASSWORD).statusCode());
        assertTrue(eventually(Duration.ofSeconds(30), () -> admin.get("/admin/mail?status=pending").body().contains("ConnectException")
                || admin.get("/admin/mail?status=pending").body().contains("MailConnectException")),
                "the outbox shows why the mails wait");
        String waiting = admin.get("/admin/mail?status=pending").body();
        for (Reader r : readers) {
            assertTrue(waiting.contains(r.email()), r.email() + " waits");
        }

        long back = System.nanoTime();
        startSmtp();
        int expected = readers.size() * 4;
        assertTrue(eventually(Duration.ofSeconds(120), () -> readers.stream().mapToInt(r -> count(r.email())).sum() >= expected),
                "all " + expected + " mails arrive");
        note("%d mails queued while the SMTP server was down arrived %.1f s after it came back", expected,
                (System.nanoTime() - back) / 1e9);
        Thread.sleep(3_000); // time for a duplicate to show up, if a second node were sending the same mail
        for (Reader r : readers) {
            List<MimeMessage> mine = mailsTo(r.email());
            assertEquals(4, mine.size(), r.email() + " got each mail once");
            assertEquals(4, mine.stream().map(MailIT::messageId).distinct().count(), "four different mails");
        }
        assertTrue(eventually(Duration.ofSeconds(10), () -> !admin.get("/admin/mail?status=pending").body().contains("@example.org")),
                "nothing waits any more");
        String sent = admin.get("/admin/mail?status=sent").body();
        assertTrue(sent.contains(readers.get(0).email()));
    }

    @Test
    @Order(7)
    void onlyAdministratorsSeeTheOutbox() throws Exception {
        Reader reader = newReader(nodes.get(0));
        assertEquals(403, reader.browser().get("/admin/mail").statusCode());
        assertEquals(303, on(nodes.get(0)).get("/admin/mail").statusCode(), "strangers are sent to log in");
    }

    /** Asks for a new password on this node, from this client address, as the form at /forgot does. */
    private static HttpResponse<String> forgot(Browser b, String email, String from) {
        b.get("/forgot");
        String body = "_csrf=" + URLEncoder.encode(b.csrfToken(), StandardCharsets.UTF_8) + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
        return b.send(b.request("/forgot").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(body)), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(8)
    void aForgottenPasswordIsSetAnewThroughTheMailedLinkOnceAndEverySessionEnds() throws Exception {
        Reader carol = newReader(nodes.get(0));
        awaitMails(carol.email(), 1);
        Browser elsewhere = on(nodes.get(1));
        assertEquals(303, elsewhere.logIn(carol.name(), PASSWORD).statusCode());

        HttpResponse<String> asked = forgot(on(nodes.get(0)), carol.email().toUpperCase(Locale.ROOT), address());
        assertEquals(200, asked.statusCode());
        assertTrue(asked.body().contains("If an account has this address, a link that sets a new password is on its way"));
        MimeMessage mail = awaitMails(carol.email(), 2).get(1);
        assertEquals("Set a new password", mail.getSubject());
        Matcher link = RESET_LINK.matcher(text(mail));
        assertTrue(link.find(), text(mail));
        assertTrue(html(mail).contains("href=\"" + link.group() + "\""), "the HTML part has the same absolute link");
        String path = link.group(1);
        String token = link.group(2);

        Browser owner = on(nodes.get(1));
        HttpResponse<String> form = owner.get(path);
        assertEquals(200, form.statusCode());
        assertEquals("no-referrer", form.headers().firstValue("Referrer-Policy").orElse(""));
        String fresh = "a-new-password-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> done = owner.submit("/reset", "token", token, "password", fresh, "repeated", fresh);
        assertEquals(303, done.statusCode());
        assertEquals("/login?reset=done", done.headers().firstValue("Location").orElse(""));

        assertEquals(401, carol.browser().json("GET", "/api/me", null, false).statusCode(), "the session on one node ended");
        assertEquals(401, elsewhere.json("GET", "/api/me", null, false).statusCode(), "and on the other");
        assertEquals(401, on(nodes.get(0)).logIn(carol.name(), PASSWORD).statusCode());
        assertEquals(303, on(nodes.get(0)).logIn(carol.name(), fresh).statusCode());
        assertEquals(410, on(nodes.get(0)).get(path).statusCode(), "used: refused on either node");
        assertEquals(410, owner.submit("/reset", "token", token, "password", fresh + "x", "repeated", fresh + "x").statusCode(),
                "the form sent again");
    }

    @Test
    @Order(9)
    void anAddressWithoutAccountGetsTheSameAnswerAndNoMailAndRequestsAreLimited() throws Exception {
        Reader dave = newReader(nodes.get(0));
        awaitMails(dave.email(), 1);
        String nobody = "nobody-" + name() + "@example.org";

        HttpResponse<String> known = forgot(on(nodes.get(0)), dave.email(), address());
        HttpResponse<String> unknown = forgot(on(nodes.get(0)), nobody, address());
        assertEquals(200, known.statusCode());
        assertEquals(200, unknown.statusCode());
        assertEquals(withoutFormTokens(known.body()), withoutFormTokens(unknown.body()), "byte for byte the same page");
        awaitMails(dave.email(), 2);
        Thread.sleep(2_000); // time for a mail to the unknown address to show up, were one sent
        assertEquals(List.of(), mailsTo(nobody), "no mail to an address without account");

        // Three requests an hour per address typed, from any client address, for known and unknown addresses alike.
        for (int i = 0; i < 2; i++) {
            assertEquals(200, forgot(on(nodes.get(i % 2)), nobody, address()).statusCode());
        }
        HttpResponse<String> limited = forgot(on(nodes.get(1)), nobody, address());
        assertEquals(429, limited.statusCode());
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 3601, "Retry-After " + retryAfter);
        assertTrue(limited.body().contains("Too many requests for a new password"));
        assertTrue(limited.body().contains("value=\"" + nobody + "\""), "the form is kept filled");
    }

    /** A page with the values of its CSRF fields left out: they differ for every visitor. */
    private static String withoutFormTokens(String page) {
        return page.replaceAll("(name=\"_csrf\" value=\")[^\"]*", "$1").replaceAll("(name=\"csrf-token\" content=\")[^\"]*", "$1");
    }

    @Test
    @Order(10)
    void anAddressChangesOnlyWhenTheLinkMailedToTheNewOneIsUsedAndTheOldOneIsTold() throws Exception {
        Reader carol = newReader(nodes.get(0));
        String registrationLink = link(awaitMails(carol.email(), 1).get(0));
        String newAddress = carol.name() + ".moved@example.org";
        carol.browser().get("/account");
        HttpResponse<String> asked = carol.browser().submit("/account/email", "current", PASSWORD, "email", newAddress);
        assertEquals(303, asked.statusCode(), asked.body());

        MimeMessage link = awaitMails(newAddress, 1).get(0);
        assertEquals("Confirm your new e-mail address", link.getSubject());
        MimeMessage notice = awaitMails(carol.email(), 2).get(1);
        assertEquals("Your e-mail address is being changed", notice.getSubject());
        assertTrue(text(notice).contains(newAddress), text(notice));
        assertTrue(html(notice).contains(BASE_URL + "/account"), "the notice says where to change the password");
        assertTrue(carol.browser().get("/account").body().contains(carol.email()), "the old address until the link is used");

        // Opened from the mail, on the other node, without logging in: the button uses the link.
        String path = link(link);
        String token = path.substring(path.indexOf('=') + 1);
        Browser fromTheMail = on(nodes.get(1));
        assertEquals(200, fromTheMail.get(path).statusCode());
        assertEquals(200, fromTheMail.submit("/verify-email", "token", token).statusCode());
        String page = carol.browser().get("/account").body();
        assertTrue(page.contains(newAddress + " (confirmed)"), page);
        assertEquals(410, fromTheMail.submit("/verify-email", "token", token).statusCode(), "single use");
        assertEquals(410, on(nodes.get(0)).get(registrationLink).statusCode(), "the old address's links are spent");
    }

    // --- notifications ---

    static final Pattern UNSUBSCRIBE = Pattern.compile("<" + Pattern.quote(BASE_URL) + "(/unsubscribe\\?t=\\d+\\.(?:all|a\\d+)\\.[A-Za-z0-9_-]{43})>");
    static final Pattern COMMENT_ID = Pattern.compile("#comment-(\\d+)$");

    private Browser admin;

    private Browser admin() {
        if (admin == null) {
            admin = on(nodes.get(0));
            assertEquals(303, admin.logIn(PayaraNode.ADMIN, PayaraNode.ADMIN_PASSWORD).statusCode());
        }
        return admin;
    }

    /** Posts a comment (a reply when {@code parent} is given) under a notification test article; its id. */
    private static long post(Browser b, String slug, String text, Long parent) {
        b.get("/articles/" + slug);
        HttpResponse<String> answer = parent == null ? b.submit("/articles/" + slug + "/comments", "body", text)
                : b.submit("/articles/" + slug + "/comments", "body", text, "parentId", String.valueOf(parent));
        assertEquals(303, answer.statusCode(), answer.body());
        Matcher m = COMMENT_ID.matcher(answer.headers().firstValue("Location").orElse(""));
        assertTrue(m.find(), answer.headers().toString());
        return Long.parseLong(m.group(1));
    }

    private void approve(long commentId) {
        admin().get("/admin/comments");
        assertEquals(303, admin().submit("/comments/" + commentId + "/approve").statusCode());
    }

    /** A reader who registered, confirmed the address, and whose first comment (held) a moderator approved. */
    private Reader commenter(PayaraNode node) throws Exception {
        Reader r = newReader(node);
        String path = link(awaitMails(r.email(), 1).get(0));
        r.browser().get(path);
        assertEquals(200, r.browser().submit("/verify-email", "token", path.substring(path.indexOf('=') + 1)).statusCode());
        approve(post(r.browser(), "notify-scratch", "Hello from " + r.name(), null));
        // The approved first comment follows the scratch article (soon after): not wanted here, so that others' first
        // comments there mail nobody.
        assertTrue(eventually(Duration.ofSeconds(60), () -> r.browser().get("/articles/notify-scratch").body()
                .contains("Unfollow this discussion")), "a first comment follows the article");
        assertEquals(303, r.browser().submit("/articles/notify-scratch/unfollow").statusCode());
        return r;
    }

    private List<MimeMessage> mailsAbout(String address, String subjectPart) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : mailsTo(address)) {
            if (m.getSubject().contains(subjectPart)) {
                found.add(m);
            }
        }
        return found;
    }

    private List<MimeMessage> awaitMailsAbout(String address, String subjectPart, int count) throws Exception {
        assertTrue(eventually(Duration.ofSeconds(60), () -> mailsAbout(address, subjectPart).size() >= count),
                "expected " + count + " mail(s) about '" + subjectPart + "' to " + address);
        return mailsAbout(address, subjectPart);
    }

    /** The one-click POST of RFC 8058 as a mail provider sends it: no cookie, no CSRF token, just that body. */
    private static HttpResponse<String> oneClick(PayaraNode node, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(11)
    void aReplyIsMailedOnceAndItsOneClickUnsubscribeStopsTheNextOnes() throws Exception {
        Reader alice = commenter(nodes.get(0));
        Reader bob = commenter(nodes.get(1));
        Reader carol = commenter(nodes.get(0));
        carol.browser().get("/articles/notify-replies");
        assertEquals(303, carol.browser().submit("/articles/notify-replies/follow").statusCode());
        assertTrue(carol.browser().get("/articles/notify-replies").body().contains("Unfollow this discussion"));

        long question = post(alice.browser(), "notify-replies", "Which model for air-gapped sites?", null);
        post(bob.browser(), "notify-replies", "A small open-weights one <b>surely</b>", question);
        MimeMessage reply = awaitMailsAbout(alice.email(), "replied to you", 1).get(0);
        assertEquals("@" + bob.name() + " replied to you under “Notification test article replies”", reply.getSubject());
        assertTrue(text(reply).contains("A small open-weights one <b>surely</b>"), "plain in the text part");
        assertTrue(html(reply).contains("A small open-weights one &lt;b&gt;surely&lt;/b&gt;"), "escaped in HTML");
        assertTrue(text(reply).contains(BASE_URL + "/comments/"), "links to the comment's permalink");
        String header = reply.getHeader("List-Unsubscribe")[0];
        Matcher link = UNSUBSCRIBE.matcher(header);
        assertTrue(link.matches(), header);
        assertEquals("List-Unsubscribe=One-Click", reply.getHeader("List-Unsubscribe-Post")[0]);
        post(alice.browser(), "notify-replies", "Replying to myself", question);

        // Opening the link (as a mail scanner would) changes nothing: the next reply is mailed too.
        String path = link.group(1);
        HttpResponse<String> opened = on(nodes.get(1)).get(path);
        assertEquals(200, opened.statusCode());
        assertTrue(opened.body().contains("Stop all notification mails"), opened.body());
        assertEquals("no-store", opened.headers().firstValue("Cache-Control").orElse(""));
        post(bob.browser(), "notify-replies", "And a second answer", question);
        awaitMailsAbout(alice.email(), "replied to you", 2);

        // The provider's one-click POST: no session, no CSRF token.
        HttpResponse<String> unsubscribed = oneClick(nodes.get(1), path);
        assertEquals(200, unsubscribed.statusCode(), unsubscribed.body());
        assertTrue(unsubscribed.body().contains("we will send you no more notification mails"));
        long third = post(bob.browser(), "notify-replies", "A third answer nobody mails", question);
        // Carol follows the article: her mail about the third answer shows the notifier has handled it.
        awaitMailsAbout(carol.email(), "New comment under", 5);
        Thread.sleep(2_000);
        assertEquals(2, mailsAbout(alice.email(), "replied to you").size(), "nothing after unsubscribing, nothing about her own reply");
        assertTrue(third > question);
        assertEquals(0, mailsAbout(carol.email(), "replied").size());
        assertEquals(5, mailsAbout(carol.email(), "New comment under").size(), "one mail per comment by others, none twice");

        // A bad token: 400 and a page that says so, on GET and on POST.
        HttpResponse<String> bad = on(nodes.get(0)).get("/unsubscribe?t=12.all.tampered");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("This unsubscribe link is not valid"));
        assertEquals(400, oneClick(nodes.get(0), path.substring(0, path.length() - 2) + "xx").statusCode());
    }

    @Test
    @Order(12)
    void aMentionIsMailedToTheReaderNamed() throws Exception {
        Reader dave = commenter(nodes.get(1));
        Reader erin = commenter(nodes.get(0));
        post(erin.browser(), "notify-replies", "What do you think, @" + dave.name() + "? And @nobody-at-all?", null);
        MimeMessage mention = awaitMailsAbout(dave.email(), "mentioned you", 1).get(0);
        assertTrue(text(mention).contains("What do you think, @" + dave.name()));
        assertTrue(mention.getHeader("List-Unsubscribe")[0].startsWith("<" + BASE_URL + "/unsubscribe?t="));
    }

    @Test
    @Order(13)
    void aHeldCommentNotifiesNobodyUntilApprovedAndAnUnfollowedArticleNothingMore() throws Exception {
        Reader follower = commenter(nodes.get(0));
        Reader marker = commenter(nodes.get(1));
        follower.browser().get("/articles/notify-held");
        assertEquals(303, follower.browser().submit("/articles/notify-held/follow").statusCode());
        Reader newcomer = newReader(nodes.get(1));
        String path = link(awaitMails(newcomer.email(), 1).get(0));
        newcomer.browser().get(path);
        assertEquals(200, newcomer.browser().submit("/verify-email", "token", path.substring(path.indexOf('=') + 1)).statusCode());

        long held = post(newcomer.browser(), "notify-held", "My first comment, held, for @" + marker.name(), null);
        Thread.sleep(3_000);
        assertEquals(List.of(), mailsAbout(follower.email(), "New comment under"), "held: the follower hears nothing");
        assertEquals(List.of(), mailsAbout(marker.email(), "mentioned you"), "held: the reader named hears nothing");
        approve(held);
        awaitMailsAbout(follower.email(), "New comment under", 1);
        awaitMailsAbout(marker.email(), "mentioned you", 1);

        // Unfollowing with the button stops it; the newcomer, who follows since the first comment, hears of the next.
        follower.browser().get("/articles/notify-held");
        assertEquals(303, follower.browser().submit("/articles/notify-held/unfollow").statusCode());
        post(marker.browser(), "notify-held", "A later comment", null);
        awaitMailsAbout(newcomer.email(), "New comment under", 1);
        Thread.sleep(2_000);
        assertEquals(1, mailsAbout(follower.email(), "New comment under").size(), "no mail after unfollowing");
    }

    @Test
    @Order(14)
    void aReaderOnTheDigestGetsNothingAtOnceAndOneMailListingTheCommentsWhenTheDigestRuns() throws Exception {
        Reader daily = commenter(nodes.get(0));
        Reader other = commenter(nodes.get(1));
        Reader marker = commenter(nodes.get(0));
        daily.browser().get("/account/notifications");
        assertEquals(303, daily.browser().submit("/account/notifications", "delivery", "digest", "follow-on-comment", "yes").statusCode());
        assertTrue(daily.browser().get("/account/notifications").body().contains("value=\"digest\" checked"));

        long question = post(daily.browser(), "notify-digest", "A question for the digest", null);
        post(other.browser(), "notify-digest", "First answer for the digest, @" + marker.name(), question);
        post(other.browser(), "notify-digest", "Second answer for the digest", question);
        awaitMailsAbout(marker.email(), "mentioned you", 1);
        Thread.sleep(2_000);
        assertEquals(1, mailsTo(daily.email()).size(), "only the confirmation mail: nothing at once");

        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
             Statement sql = db.createStatement()) {
            // A day passes: the digest is due again.
            sql.executeUpdate("UPDATE notification_clock SET last_digest_ms = 0");
        }
        MimeMessage digest = awaitMailsAbout(daily.email(), "new comments for you", 1).get(0);
        assertEquals("2 new comments for you", digest.getSubject());
        assertTrue(text(digest).contains("First answer for the digest") && text(digest).contains("Second answer for the digest"), text(digest));
        assertTrue(digest.getHeader("List-Unsubscribe")[0].startsWith("<" + BASE_URL + "/unsubscribe?t="));
        Thread.sleep(2_000);
        assertEquals(1, mailsAbout(daily.email(), "new comments for you").size(), "one digest, from one node");
    }

    private int count(String address) {
        try {
            return mailsTo(address).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
