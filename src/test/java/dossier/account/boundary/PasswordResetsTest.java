package dossier.account.boundary;

import dossier.account.control.PasswordHash;
import dossier.account.entity.Account;
import dossier.audit.boundary.AuditLogs;
import dossier.audit.entity.AuditEntry;
import dossier.mail.boundary.Outboxes;
import dossier.mail.control.MailSettings;
import dossier.mail.entity.Mail;
import dossier.testing.Databases;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forgotten passwords on a real (in-memory H2) database through the migrations, with the time given: the link is
 * mailed only to an address that has an account but the request is counted and answered alike either way, works
 * once and for 30 minutes, a refused new password leaves it working, and using it ends every session.
 */
class PasswordResetsTest {

    private static final Pattern LINK = Pattern.compile("https://dossier\\.example/reset\\?token=([A-Za-z0-9_-]{43})");
    private static final String CLIENT = "address:198.51.100.7";
    private static final String OLD = "the-old-password-1";
    private static final String NEW = "a-brand-new-password";

    private EntityManagerFactory emf;
    private EntityManager em;
    private Accounts accounts;
    private PasswordResets cut;
    private Account alice;

    @BeforeEach
    void open() {
        emf = Databases.open(Databases.freshH2());
        em = emf.createEntityManager();
        withMailServer(true);
    }

    /** The components, with or without a mail server configured (without: links are shown, not mailed). */
    private void withMailServer(boolean configured) {
        MailSettings settings = new MailSettings(configured ? "127.0.0.1" : null, 2525, "dossier@dossier.example", false,
                "https://dossier.example");
        Throttle throttle = new Throttle();
        throttle.em = em;
        throttle.self = throttle;
        EmailVerifications verifications = new EmailVerifications();
        verifications.em = em;
        verifications.outbox = Outboxes.on(em, settings);
        verifications.requireVerifiedEmail = Optional.of(false);
        accounts = new Accounts();
        accounts.em = em;
        accounts.audit = AuditLogs.on(em);
        accounts.verifications = verifications;
        accounts.throttle = throttle;
        accounts.registerLimit = 100;
        accounts.hashWith(PasswordHash.MIN_ITERATIONS);
        cut = new PasswordResets();
        cut.em = em;
        cut.self = cut;
        cut.outbox = Outboxes.on(em, settings);
        cut.audit = AuditLogs.on(em);
        cut.throttle = throttle;
        cut.logins = LoginThrottles.on(em, 5);
        cut.accounts = accounts;
        cut.addressLimit = 5;
        cut.later = Runnable::run; // the work after the answer, at once: the test sees its outcome
        if (alice == null) {
            alice = inTransaction(() -> accounts.register("alice", "Alice@Example.org", OLD));
            clearOutbox(); // her confirmation mail: not what these tests read
        }
    }

    @AfterEach
    void close() {
        em.close();
        emf.close();
    }

    private <T> T inTransaction(Supplier<T> work) {
        return dossier.testing.Transactions.inTransactionThenClear(em, work);
    }

    private void clearOutbox() {
        inTransaction(() -> em.createQuery("delete from Mail").executeUpdate());
    }

    private List<Mail> outbox() {
        return em.createQuery("select m from Mail m order by m.id", Mail.class).getResultList();
    }

    private static String token(Mail mail) {
        Matcher m = LINK.matcher(mail.textBody());
        assertTrue(m.find(), mail.textBody());
        assertTrue(mail.htmlBody().contains(m.group()), "the HTML part has the same absolute link");
        return m.group(1);
    }

    private Duration forgot(String email, String client, Instant now) {
        return inTransaction(() -> cut.request(email, client, now));
    }

    private String mailedToken(Instant now) {
        assertEquals(Duration.ZERO, forgot("alice@example.org", CLIENT, now));
        List<Mail> mails = outbox();
        Mail mail = mails.get(mails.size() - 1);
        assertEquals("Alice@Example.org", mail.recipient());
        assertEquals("Set a new password", mail.subject());
        return token(mail);
    }

    @Test
    void theMailedLinkSetsTheNewPasswordOnceAndEndsEverySession() {
        Instant now = Instant.now();
        long sessionBefore = now.toEpochMilli() - 1;
        String token = mailedToken(now);
        assertTrue(outbox().get(0).textBody().contains("works once, for 30 minutes"));
        assertEquals(PasswordResets.Outcome.VALID, cut.check(token, now), "looking does not use the link");

        assertEquals(PasswordResets.Outcome.VALID, inTransaction(() -> cut.reset(token, NEW, NEW, now)));

        assertTrue(accounts.verify("alice", NEW).isPresent(), "the new password works");
        assertTrue(accounts.verify("alice", OLD).isEmpty(), "the old one no longer does");
        Account after = accounts.byUsername("alice").orElseThrow();
        assertFalse(after.acceptsSessionFrom(sessionBefore), "a session begun before is over");
        assertTrue(after.acceptsSessionFrom(now.toEpochMilli() + 1), "a login after it holds");
        assertEquals(PasswordResets.Outcome.USED, cut.check(token, now));
        assertEquals(PasswordResets.Outcome.USED, inTransaction(() -> cut.reset(token, "yet-another-password", "yet-another-password", now)));
        assertTrue(accounts.verify("alice", NEW).isPresent(), "a used link changes nothing");
        List<AuditEntry> audit = em.createQuery("select e from AuditEntry e where e.action = 'account.password-reset'",
                AuditEntry.class).getResultList();
        assertEquals(1, audit.size());
        assertEquals("account alice", audit.get(0).target());
    }

    @Test
    void anAddressWithoutAccountIsAnsweredAndCountedAlikeAndMailsNothing() {
        Instant now = Instant.now();
        assertEquals(Duration.ZERO, forgot("nobody@example.org", CLIENT, now));
        assertEquals(List.of(), outbox());
        for (int i = 1; i < PasswordResets.PER_ADDRESS_TYPED; i++) {
            assertEquals(Duration.ZERO, forgot("nobody@example.org", "address:203.0.113." + i, now));
            assertEquals(Duration.ZERO, forgot("ALICE@example.org", "address:203.0.113." + i, now));
        }
        assertEquals(Duration.ZERO, forgot("alice@example.org", "address:203.0.113.9", now));
        // Past the limit per typed address: the same refusal for both, whatever the client's address.
        Duration unknown = forgot("nobody@example.org", "address:192.0.2.1", now);
        Duration known = forgot("alice@example.org", "address:192.0.2.2", now);
        assertTrue(unknown.compareTo(Duration.ZERO) > 0 && unknown.compareTo(Duration.ofHours(1)) <= 0, unknown.toString());
        assertTrue(known.compareTo(Duration.ZERO) > 0 && known.compareTo(Duration.ofHours(1)) <= 0, known.toString());
        assertEquals(PasswordResets.PER_ADDRESS_TYPED, outbox().size(), "a mail per request allowed for Alice, none refused");
        assertEquals(Duration.ZERO, forgot("alice@example.org", "address:192.0.2.2", now.plus(Duration.ofMinutes(61))),
                "an hour later, again");
    }

    @Test
    void oneClientAddressAsksForAFewLinksAnHour() {
        Instant now = Instant.now();
        for (int i = 0; i < cut.addressLimit; i++) {
            assertEquals(Duration.ZERO, forgot("someone" + i + "@example.org", CLIENT, now));
        }
        assertTrue(forgot("someone-else@example.org", CLIENT, now).compareTo(Duration.ZERO) > 0);
        assertEquals(Duration.ZERO, forgot("someone-else@example.org", "address:192.0.2.200", now), "another client may");
    }

    @Test
    void aLinkOlderThan30MinutesIsRefusedAndChangesNothing() {
        Instant then = Instant.now();
        String token = mailedToken(then);
        Instant later = then.plus(Duration.ofMinutes(30)).plusSeconds(1);
        assertEquals(PasswordResets.Outcome.VALID, cut.check(token, then.plus(Duration.ofMinutes(29))));
        assertEquals(PasswordResets.Outcome.EXPIRED, cut.check(token, later));
        assertEquals(PasswordResets.Outcome.EXPIRED, inTransaction(() -> cut.reset(token, NEW, NEW, later)));
        assertTrue(accounts.verify("alice", OLD).isPresent(), "the password stays");
        assertTrue(accounts.byUsername("alice").orElseThrow().acceptsSessionFrom(then.toEpochMilli()), "sessions stay");
    }

    @Test
    void aRefusedNewPasswordLeavesTheLinkWorkingAndHashesNothing() {
        Instant now = Instant.now();
        String token = mailedToken(now);
        long hashes = PasswordHash.derivations();
        assertThrows(PasswordResets.PasswordRefused.class, () -> inTransaction(() -> cut.reset(token, "short", "short", now)));
        assertThrows(PasswordResets.PasswordRefused.class, () -> inTransaction(() -> cut.reset(token, "alice-is-my-name", "alice-is-my-name", now)));
        assertThrows(PasswordResets.PasswordRefused.class, () -> inTransaction(() -> cut.reset(token, NEW, NEW + "x", now)));
        assertEquals(hashes, PasswordHash.derivations(), "no hash for a refused password");
        assertEquals(PasswordResets.Outcome.VALID, cut.check(token, now));
        assertEquals(PasswordResets.Outcome.UNKNOWN, inTransaction(() -> cut.reset("x".repeat(43), NEW, NEW, now)));
        assertEquals(PasswordResets.Outcome.UNKNOWN, cut.check("not a token", now));
        assertEquals(PasswordResets.Outcome.VALID, inTransaction(() -> cut.reset(token, NEW, NEW, now)));
    }

    @Test
    void usingOneLinkUsesUpTheAccountsOtherLinks() {
        Instant now = Instant.now();
        String first = mailedToken(now);
        String second = mailedToken(now);
        assertEquals(PasswordResets.Outcome.VALID, inTransaction(() -> cut.reset(second, NEW, NEW, now)));
        assertEquals(PasswordResets.Outcome.USED, cut.check(first, now));
    }

    @Test
    void anAdministratorsLinkIsShownWithoutAMailServerAndMailedWithOne() {
        Account admin = inTransaction(() -> {
            Account a = accounts.register("boss", "boss@example.org", "a-long-enough-password");
            a.grant(Account.ADMIN);
            return a;
        });
        clearOutbox();
        withMailServer(false);
        Optional<String> shown = inTransaction(() -> cut.send(admin, "alice", Instant.now()));
        assertTrue(shown.isPresent() && LINK.matcher(shown.get()).matches(), shown.toString());
        assertEquals(List.of(), outbox(), "nothing to mail it with");
        String token = shown.get().substring(shown.get().indexOf('=') + 1);
        assertEquals(PasswordResets.Outcome.VALID, inTransaction(() -> cut.reset(token, NEW, NEW, Instant.now())));

        withMailServer(true);
        assertTrue(inTransaction(() -> cut.send(admin, "alice", Instant.now())).isEmpty(), "mailed, not shown");
        assertEquals(1, outbox().size());
        List<String> details = em.createQuery("select e.detail from AuditEntry e where e.action = 'account.reset-link' order by e.id",
                String.class).getResultList();
        assertEquals(List.of("shown", "mailed"), details);
        assertTrue(em.createQuery("select e.detail from AuditEntry e where e.action = 'account.password-reset'", String.class)
                .getSingleResult().contains("@boss"));
    }
}
