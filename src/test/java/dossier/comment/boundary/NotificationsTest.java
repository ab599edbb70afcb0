package dossier.comment.boundary;

import dossier.account.boundary.EmailVerificationsOn;
import dossier.account.entity.Account;
import dossier.article.entity.Article;
import dossier.article.entity.ArticlesChanged;
import dossier.article.entity.Body;
import dossier.article.entity.Status;
import dossier.audit.boundary.AuditLogs;
import dossier.comment.entity.Comment;
import dossier.comment.entity.NotificationSetting;
import dossier.mail.boundary.Outbox;
import dossier.mail.boundary.Outboxes;
import dossier.mail.control.MailSettings;
import dossier.mail.entity.Mail;
import dossier.testing.Databases;
import dossier.testing.Events;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who is told of a comment, how, and when, against a real (in-memory H2) database migrated as in production,
 * outside the container: the outbox rows that the notifier and the digest write. (Delivery over SMTP: {@code MailIT}.)
 */
class NotificationsTest {

    private EntityManagerFactory emf;
    private EntityManager em;
    private Comments comments;
    private Moderation moderation;
    private Notifications cut;
    private Subscriptions subscriptions;
    private Article article;
    private Account alice;
    private Account bob;
    private Account carol;
    private Account editor;

    @BeforeEach
    void open() {
        emf = Databases.open(Databases.freshH2());
        em = emf.createEntityManager();
        Outbox outbox = Outboxes.on(em, new MailSettings("127.0.0.1", 25, "dossier@dossier.example", false, "https://dossier.example"));
        subscriptions = new Subscriptions();
        subscriptions.em = em;
        subscriptions.secrets = dossier.site.boundary.SiteSecretsOn.on(em);
        inTx(() -> subscriptions.secrets.key(Subscriptions.KEY_NAME));
        cut = new Notifications();
        cut.em = em;
        cut.outbox = outbox;
        cut.subscriptions = subscriptions;
        cut.verifications = EmailVerificationsOn.of(em, outbox, false);
        cut.digestHour = 7;
        comments = new Comments();
        comments.em = em;
        comments.audit = AuditLogs.on(em);
        comments.changed = new Events<ArticlesChanged>();
        comments.renderer = new dossier.markdown.control.MarkdownRenderer();
        comments.notifications = cut;
        moderation = new Moderation();
        moderation.em = em;
        moderation.audit = comments.audit;
        moderation.changed = comments.changed;
        moderation.comments = comments;
        moderation.notifications = cut;
        Instant now = Instant.now();
        inTx(() -> {
            article = new Article("thread", now);
            article.write("Thread <b>one</b>", "text", new Body("<p>text</p>", List.of(), "text", 1), now);
            article.schedule(Status.PUBLISHED, now.minusSeconds(60));
            em.persist(article);
            alice = account("alice");
            bob = account("bob");
            carol = account("carol");
            editor = account("editor");
            editor.grant(Account.EDITOR);
            return null;
        });
    }

    private Account account(String name) {
        Account a = new Account(name, name + "@example.org", "x", Instant.now());
        em.persist(a);
        return a;
    }

    @AfterEach
    void close() {
        em.close();
        emf.close();
    }

    private <T> T inTx(Supplier<T> work) {
        return dossier.testing.Transactions.inTransaction(em, work);
    }

    private Comment post(Account author, String text, Comment parent) {
        return inTx(() -> comments.post(article, author, text, parent == null ? null : parent.id()));
    }

    private int seen;

    /** What the notifier puts in the outbox for the comments queued since the last look. */
    private List<Mail> notified() {
        inTx(() -> cut.notifyQueued(Instant.now()));
        em.clear();
        List<Mail> all = em.createQuery("select m from Mail m order by m.id", Mail.class).getResultList();
        List<Mail> fresh = all.subList(seen, all.size());
        seen = all.size();
        return fresh;
    }

    /** The recipients of these mails, in alphabetical order. */
    private static List<String> recipients(List<Mail> mails) {
        return mails.stream().map(Mail::recipient).sorted().toList();
    }

    @Test
    void aReplyMailsTheParentsAuthorOnceWithALinkToTheCommentAndAOneClickUnsubscribe() {
        Comment question = post(alice, "A question", null);
        assertEquals(List.of(), recipients(notified()), "nobody is told of a first comment under an article nobody else follows");
        Comment answer = post(bob, "An answer, @alice <script>", question);
        List<Mail> mails = notified();
        assertEquals(List.of("alice@example.org"), recipients(mails), "a reply that also mentions her: one mail");
        Mail mail = mails.get(0);
        assertEquals("@bob replied to you under “Thread <b>one</b>”", mail.subject());
        assertTrue(mail.textBody().contains("https://dossier.example/comments/" + answer.id()), mail.textBody());
        assertTrue(mail.htmlBody().contains("An answer, @alice &lt;script&gt;"), "escaped in HTML: " + mail.htmlBody());
        assertTrue(mail.textBody().contains("An answer, @alice <script>"), "plain in text");
        assertTrue(mail.listUnsubscribe().matches("https://dossier\\.example/unsubscribe\\?t=\\d+\\.all\\.[A-Za-z0-9_-]{43}"),
                mail.listUnsubscribe());
        assertTrue(mail.textBody().contains(mail.listUnsubscribe()));

        post(alice, "Thanks, and a note to myself", answer);
        assertEquals(List.of("bob@example.org"), recipients(notified()),
                "bob hears of the reply (and follows since his first comment); alice not of her own");
    }

    @Test
    void aReplyToADeletedAccountsCommentMailsNobodyAndHoldsUpNoOtherMail() {
        Comment question = post(alice, "A question from an account about to go", null);
        notified();
        inTx(() -> {
            em.find(Account.class, alice.id()).delete(Instant.now());
            return null;
        });
        post(bob, "A reply to a comment whose author is gone", question);
        assertEquals(List.of(), recipients(notified()), "a deleted account has no address to write to");
        post(carol, "Ping @bob", null);
        assertEquals(List.of("bob@example.org"), recipients(notified()), "the notifier goes on with the next comments");
    }

    @Test
    void aMentionMailsExistingReadersInGoodStandingOnly() {
        inTx(() -> {
            em.find(Account.class, carol.id()).ban();
            return null;
        });
        post(alice, "Ping @bob, @carol and @nobody-here", null);
        assertEquals(List.of("bob@example.org"), recipients(notified()));
    }

    @Test
    void aHeldCommentNotifiesNobodyUntilItIsApproved() {
        Comment question = post(alice, "A question", null);
        assertEquals(List.of(), notified());
        comments.premoderateFirst = true;
        Comment held = post(bob, "A held answer", question);
        assertEquals(Comment.Status.PENDING, held.status());
        assertEquals(List.of(), recipients(notified()));
        inTx(() -> moderation.approve(held.id(), editor));
        assertEquals(List.of("alice@example.org"), recipients(notified()));
        inTx(() -> moderation.approve(held.id(), editor));
        assertEquals(List.of(), notified(), "approving twice tells nobody twice");
    }

    @Test
    void followersHearOfNewCommentsUntilTheyUnfollowAndAFirstCommentFollows() {
        inTx(() -> {
            subscriptions.follow(carol, article, Instant.now());
            subscriptions.change(bob, NotificationSetting.Delivery.IMMEDIATE, false);
            return null;
        });
        post(alice, "First", null);
        List<Mail> mails = notified();
        assertTrue(subscriptions.follows(alice, article), "a first comment follows the article");
        assertEquals(List.of("carol@example.org"), recipients(mails));
        assertEquals("New comment under “Thread <b>one</b>”", mails.get(0).subject());
        assertTrue(mails.get(0).listUnsubscribe().contains("." + "a" + article.id() + "."), "a follower's link stops following");

        post(bob, "Second, by a reader who does not follow on commenting", null);
        assertEquals(List.of("alice@example.org", "carol@example.org"), recipients(notified()), "alice follows since her first comment");

        assertTrue(inTx(() -> subscriptions.unsubscribe(mails.get(0).listUnsubscribe().replaceFirst(".*\\?t=", ""))).isPresent());
        assertFalse(subscriptions.follows(carol, article));
        assertFalse(subscriptions.follows(bob, article), "bob said a comment follows nothing");
        post(bob, "Third", null);
        assertEquals(List.of("alice@example.org"), recipients(notified()), "carol no longer");
    }

    @Test
    void readersOnTheDigestGetOneMailADayListingTheCommentsAtTheDigestHour() {
        inTx(() -> {
            subscriptions.change(alice, NotificationSetting.Delivery.DIGEST, true);
            return null;
        });
        Comment question = post(alice, "A question", null);
        assertEquals(List.of(), recipients(notified()));
        post(bob, "First answer", question);
        assertEquals(List.of(), recipients(notified()), "nothing at once for alice, on the digest");
        post(carol, "Second answer, for @alice", null);
        assertEquals(List.of("bob@example.org"), recipients(notified()), "bob, following since his answer, hears at once");

        Instant morning = Instant.parse("2031-05-04T06:59:00Z");
        inTx(() -> em.createNativeQuery("UPDATE notification_clock SET last_digest_ms = ?1").setParameter(1,
                Instant.parse("2031-05-03T07:00:00Z").toEpochMilli()).executeUpdate());
        assertFalse(cut.digestsDue(morning), "yesterday's went out, today's is not due before 7:00");
        assertEquals(0, inTx(() -> cut.sendDigests(morning)));
        Instant seven = Instant.parse("2031-05-04T07:00:00Z");
        assertTrue(cut.digestsDue(seven));
        assertEquals(1, inTx(() -> cut.sendDigests(seven)));
        assertEquals(0, inTx(() -> cut.sendDigests(seven.plusSeconds(3600))), "once a day");
        List<Mail> mails = notified();
        assertEquals(List.of("alice@example.org"), recipients(mails));
        Mail digest = mails.get(0);
        assertEquals("2 new comments for you", digest.subject());
        assertTrue(digest.textBody().contains("First answer") && digest.textBody().contains("Second answer, for @alice"), digest.textBody());
        assertTrue(digest.listUnsubscribe() != null);
        assertEquals(0, inTx(() -> cut.sendDigests(Instant.parse("2031-05-05T07:00:00Z"))), "nothing new the next day: no mail");
    }

    @Test
    void anUnsubscribeLinkStopsEveryMailAndAForgedOneNothing() {
        String token = subscriptions.token(alice.id(), null);
        assertTrue(subscriptions.unsubscribe(token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A")).isEmpty());
        assertEquals(NotificationSetting.Delivery.IMMEDIATE, subscriptions.of(alice).delivery());
        assertTrue(inTx(() -> subscriptions.unsubscribe(token)).isPresent());
        em.clear();
        assertEquals(NotificationSetting.Delivery.NEVER, subscriptions.of(alice).delivery());
        Comment question = post(alice, "A question", null);
        assertEquals(List.of(), recipients(notified()));
        post(bob, "An answer, @alice", question);
        assertEquals(List.of(), recipients(notified()));
    }
}
