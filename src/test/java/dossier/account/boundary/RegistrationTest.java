package dossier.account.boundary;

import dossier.account.control.PasswordHash;
import dossier.account.entity.Account;
import dossier.audit.boundary.AuditLogs;
import dossier.mail.boundary.Outboxes;
import dossier.mail.control.MailSettings;
import dossier.mail.entity.Mail;
import dossier.site.control.Roles;
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
 * Registration with its address limit and the mail that confirms the address, on a real (in-memory H2) database
 * through the migrations: the outbox row belongs to the registration's transaction, a refused registration costs
 * no password hash, a link works once and for 48 hours.
 */
class RegistrationTest {

    private static final Pattern LINK = Pattern.compile("https://dossier\\.example/verify-email\\?token=([A-Za-z0-9_-]{43})");
    private static final String ADDRESS = "address:198.51.100.7";

    private EntityManagerFactory emf;
    private EntityManager em;
    private Accounts cut;
    private EmailVerifications verifications;

    @BeforeEach
    void open() {
        emf = Databases.open(Databases.freshH2());
        em = emf.createEntityManager();
        MailSettings settings = new MailSettings("127.0.0.1", 2525, "dossier@dossier.example", false, "https://dossier.example");
        verifications = new EmailVerifications();
        verifications.em = em;
        verifications.outbox = Outboxes.on(em, settings);
        verifications.requireVerifiedEmail = Optional.empty();
        Throttle throttle = new Throttle();
        throttle.em = em;
        throttle.self = throttle;
        cut = new Accounts();
        cut.registerLimit = 2;
        cut.em = em;
        cut.audit = AuditLogs.on(em);
        cut.verifications = verifications;
        cut.throttle = throttle;
    }

    @AfterEach
    void close() {
        em.close();
        emf.close();
    }

    private <T> T inTransaction(Supplier<T> work) {
        return dossier.testing.Transactions.inTransactionThenClear(em, work);
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

    @Test
    void aRegistrationOverTheAddressLimitIsRefusedBeforeAnyPasswordIsHashed() {
        inTransaction(() -> cut.register("first", "first@example.org", "a-long-enough-password", ADDRESS));
        inTransaction(() -> cut.register("second", "second@example.org", "a-long-enough-password", ADDRESS));
        long hashesBefore = PasswordHash.derivations();

        Accounts.RegistrationLimited refused = assertThrows(Accounts.RegistrationLimited.class,
                () -> inTransaction(() -> cut.register("third", "third@example.org", "a-long-enough-password", ADDRESS)));

        assertEquals(hashesBefore, PasswordHash.derivations(), "the refused registration computed no password hash");
        assertTrue(refused.retryAfter().compareTo(Duration.ZERO) > 0 && refused.retryAfter().compareTo(Duration.ofHours(1)) <= 0);
        assertTrue(cut.byUsername("third").isEmpty());
        assertEquals(2, outbox().size(), "no mail for the refused one");
        // Another address is not affected.
        inTransaction(() -> cut.register("fourth", "fourth@example.org", "a-long-enough-password", "address:203.0.113.9"));
        assertTrue(cut.byUsername("fourth").isPresent());
    }

    @Test
    void aFormRefusedForItsFieldsDoesNotCountAgainstTheAddress() {
        for (int i = 0; i < 3; i++) {
            assertThrows(Accounts.RegistrationRefused.class,
                    () -> inTransaction(() -> cut.register("weak", "weak@example.org", "short", ADDRESS)));
        }
        inTransaction(() -> cut.register("corrected", "corrected@example.org", "a-long-enough-password", ADDRESS));
        assertTrue(cut.byUsername("corrected").isPresent());
    }

    @Test
    void aRegistrationThatRollsBackLeavesNoMail() {
        em.getTransaction().begin();
        cut.register("rolledback", "rolledback@example.org", "a-long-enough-password");
        em.getTransaction().rollback();
        em.clear();
        assertEquals(List.of(), outbox());
        assertTrue(cut.byUsername("rolledback").isEmpty());
    }

    @Test
    void theMailedLinkConfirmsTheAddressOnceAndTheReaderMayThenComment() {
        inTransaction(() -> cut.register("alice", "alice@example.org", "a-long-enough-password"));
        Mail mail = outbox().get(0);
        assertEquals("alice@example.org", mail.recipient());
        assertEquals(Mail.Status.PENDING, mail.status());
        assertTrue(mail.messageId().matches("<[0-9a-f]{32}\\.\\d+@dossier\\.example>"), mail.messageId());
        String token = token(mail);
        assertFalse(cut.byUsername("alice").orElseThrow().groups(true, true).contains(Roles.READER), "unconfirmed: no discussion");
        assertTrue(cut.byUsername("alice").orElseThrow().groups(true, false).contains(Roles.READER), "unless the site does not ask");

        Instant now = Instant.now();
        assertEquals(EmailVerifications.Outcome.VERIFIED, verifications.check(token, now), "looking does not use the link");
        assertEquals(EmailVerifications.Outcome.VERIFIED, inTransaction(() -> verifications.verify(token, now)));
        assertEquals(EmailVerifications.Outcome.USED, inTransaction(() -> verifications.verify(token, now)));
        Account alice = cut.byUsername("alice").orElseThrow();
        assertTrue(alice.isEmailVerified());
        assertTrue(alice.groups(true, true).contains(Roles.READER));
        assertEquals(EmailVerifications.Outcome.UNKNOWN, inTransaction(() -> verifications.verify(token.substring(1) + "A", now)));
        assertEquals(EmailVerifications.Outcome.UNKNOWN, inTransaction(() -> verifications.verify("x".repeat(10_000), now)));
    }

    @Test
    void aLinkOlderThan48HoursIsRefused() {
        inTransaction(() -> cut.register("late", "late@example.org", "a-long-enough-password"));
        String token = token(outbox().get(0));
        Instant later = Instant.now().plus(Duration.ofHours(48)).plusSeconds(1);
        assertEquals(EmailVerifications.Outcome.EXPIRED, inTransaction(() -> verifications.verify(token, later)));
        assertFalse(cut.byUsername("late").orElseThrow().isEmailVerified());
    }

    @Test
    void newLinksAreLimitedToAFewAnHourPerAccount() {
        Account bob = inTransaction(() -> cut.register("bob", "bob@example.org", "a-long-enough-password"));
        Instant now = Instant.now();
        for (int i = 1; i < EmailVerifications.PER_HOUR; i++) {
            assertTrue(inTransaction(() -> verifications.resend(bob, now)));
        }
        EmailVerifications.TooManyRequests limited = assertThrows(EmailVerifications.TooManyRequests.class,
                () -> inTransaction(() -> verifications.resend(bob, now)));
        assertTrue(limited.retryAfter().compareTo(Duration.ofHours(1)) <= 0);
        assertEquals(EmailVerifications.PER_HOUR, outbox().size());
        assertTrue(inTransaction(() -> verifications.resend(bob, now.plus(Duration.ofMinutes(61)))), "an hour later, again");
        // Any of the links confirms the address; the others are used up with it.
        List<Mail> mails = outbox();
        String second = token(mails.get(1));
        assertEquals(EmailVerifications.Outcome.VERIFIED, inTransaction(() -> verifications.verify(second, now)));
        assertEquals(EmailVerifications.Outcome.USED, inTransaction(() -> verifications.verify(token(mails.get(0)), now)));
        assertFalse(inTransaction(() -> verifications.resend(bob, now)), "confirmed: nothing more is sent");
    }
}
