package dossier.mail.boundary;

import dossier.mail.control.Backoff;
import dossier.mail.control.MailSettings;
import dossier.mail.control.Messages;
import dossier.mail.entity.Mail;
import dossier.mail.entity.MailQueued;
import dossier.site.control.DatabaseSchema;
import dossier.site.control.Metrics;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox, once for the whole cluster. Every second (and at once after a mail is queued on this node)
 * a node claims up to {@link #BATCH} due mails: under the lock of the one {@code mail_sender} row, as the
 * publishing clock does, it moves their next attempt past a lease and writes its claim on them, and commits. Then
 * it sends them over one connection and marks each sent, or failed with a longer wait ({@link Backoff}), only if
 * its claim still holds. A node that dies while sending leaves its claims to expire: those mails are tried again
 * after the lease, so a crash between the server's acceptance and the mark may send one mail twice (with the
 * same {@code Message-ID}), but no mail is lost and no two nodes send the same mail in normal operation.
 *
 * <p>At {@code /metrics}: {@code dossier_mail_sent_total} and {@code dossier_mail_failures_total}, what this node's
 * attempts came to (a failure is one mail not sent in one attempt: refused, or no connection; it is tried again
 * until given up). What waits is the {@link Outbox}'s.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class.getName());
    static final int BATCH = 50;
    static final long TICK_MILLIS = 1_000;
    /** How long a claim holds: longer than a batch can take (50 mails of at most three 20 s timeouts each is less). */
    static final Duration LEASE = Duration.ofMinutes(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    /** Through the CDI proxy, so that each claim and each mark commits in a transaction of its own. */
    @Inject
    MailSender self;

    @Inject
    MailSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Counter sentMails = Metrics.unregistered();
    private Counter failures = Metrics.unregistered();

    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private ScheduledFuture<?> ticking;

    /** A claimed mail as it is sent: the row's values, read under the claim. */
    public record Claimed(long id, String recipient, String subject, String text, String html, String messageId, int attempts,
                          String listUnsubscribe) {
    }

    void onStart(@Observes @Priority(DatabaseSchema.AFTER_MIGRATION + 20) @Initialized(ApplicationScoped.class) Object event,
                 MetricRegistry registry) {
        sentMails = Metrics.counter(registry, "dossier_mail_sent", "Mails this node sent");
        failures = Metrics.counter(registry, "dossier_mail_failures",
                "Mails not sent in an attempt of this node (refused, or no connection): tried again until given up");
        if (!settings.configured()) {
            LOG.info("No mail server configured (dossier.mail.host): mails wait in the outbox, see /admin/mail");
            return;
        }
        settings.from(); // a wrong sender address fails the start, not every mail
        LOG.info(() -> "Mails go to " + settings.host() + ":" + settings.port()
                + settings.username().map(u -> " as " + u).orElse("") + ", from " + settings.from());
        ticking = scheduler.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A mail was queued on this node and its transaction committed: no need to wait for the next tick. */
    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailQueued queued) {
        if (ticking != null && !stopped) {
            try {
                scheduler.execute(this::tick);
            } catch (RuntimeException e) {
                // shutting down; the next start sends it
            }
        }
    }

    /** Sends what is due, batch after batch; a tick that finds another running asks it to look once more. */
    void tick() {
        if (!busy.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                while (!stopped && deliverBatch() == BATCH) {
                    // full batch: there may be more
                }
            } while (again.get() && !stopped);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Delivering the outbox failed; trying again in a second", e);
        } finally {
            busy.set(false);
        }
    }

    /** Claims and sends one batch; how many mails it claimed. */
    int deliverBatch() {
        String claim = HexFormat.of().formatHex(nextBytes());
        List<Claimed> claimed = self.claim(claim, Instant.now(), BATCH);
        if (claimed.isEmpty()) {
            return 0;
        }
        Session session = settings.session();
        InternetAddress from = settings.from();
        List<Claimed> left = new ArrayList<>(claimed);
        int sent = 0;
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(settings.host(), settings.port(), settings.username().orElse(null), settings.password());
            while (!left.isEmpty()) {
                Claimed mail = left.get(0);
                try {
                    var message = Messages.build(session, from, mail.recipient(), mail.subject(), mail.text(), mail.html(),
                            mail.messageId(), new Date(), mail.listUnsubscribe());
                    transport.sendMessage(message, message.getAllRecipients());
                    self.sent(mail, claim, Instant.now());
                    sentMails.inc();
                    sent++;
                } catch (MessagingException e) {
                    if (!transport.isConnected()) {
                        throw e;
                    }
                    LOG.warning(() -> "Mail " + mail.id() + " not sent: " + describe(e));
                    failures.inc();
                    self.failed(mail, claim, Instant.now(), e);
                }
                left.remove(0);
            }
        } catch (MessagingException e) {
            // No connection (or it broke): every mail not yet sent waits for its next attempt. One line for them all.
            LOG.warning(() -> left.size() + " mail(s) not sent: " + describe(e) + "; each is tried again later");
            for (Claimed mail : left) {
                failures.inc();
                self.failed(mail, claim, Instant.now(), e);
            }
        }
        int delivered = sent;
        if (delivered > 0) {
            LOG.fine(() -> "Sent " + delivered + " mail(s)");
        }
        return claimed.size();
    }

    /** Claims up to {@code max} due mails for {@code claim}, under the lock of the sender row (one claimer at a time in the cluster). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claimed> claim(String claim, Instant now, int max) {
        em.createNativeQuery("SELECT last_claim_ms FROM mail_sender WHERE id = 1 FOR UPDATE").getSingleResult();
        List<Mail> due = em.createQuery("""
                        select m from Mail m where m.status = :pending
                        and m.nextAttemptMs <= :now order by m.nextAttemptMs, m.id""", Mail.class)
                .setParameter("pending", Mail.Status.PENDING).setParameter("now", now.toEpochMilli()).setMaxResults(max).getResultList();
        List<Claimed> claimed = new ArrayList<>();
        for (Mail m : due) {
            claimed.add(new Claimed(m.id(), m.recipient(), m.subject(), m.textBody(), m.htmlBody(), m.messageId(), m.attempts(),
                    m.listUnsubscribe()));
        }
        if (!claimed.isEmpty()) {
            em.createQuery("update Mail m set m.claimedBy = :claim, m.nextAttemptMs = :until where m.id in :ids")
                    .setParameter("claim", claim).setParameter("until", now.plus(LEASE).toEpochMilli())
                    .setParameter("ids", claimed.stream().map(Claimed::id).toList()).executeUpdate();
        }
        em.createNativeQuery("UPDATE mail_sender SET last_claim_ms = ?1 WHERE id = 1").setParameter(1, now.toEpochMilli())
                .executeUpdate();
        return claimed;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void sent(Claimed mail, String claim, Instant now) {
        int marked = em.createQuery("""
                        update Mail m set m.status = :sent, m.sentAt = :now,
                        m.attempts = :attempts, m.lastError = null, m.claimedBy = null where m.id = :id and m.claimedBy = :claim""")
                .setParameter("sent", Mail.Status.SENT).setParameter("now", now).setParameter("attempts", mail.attempts() + 1).setParameter("id", mail.id())
                .setParameter("claim", claim).executeUpdate();
        if (marked == 0) {
            LOG.warning(() -> "Mail " + mail.id() + " was sent after its claim had expired; another node may send it again");
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(Claimed mail, String claim, Instant now, Exception cause) {
        int attempts = mail.attempts() + 1;
        Optional<Duration> wait = settings.backoff().after(attempts);
        String error = describe(cause);
        em.createQuery("""
                        update Mail m set m.status = :status, m.attempts = :attempts, m.nextAttemptMs = :next,
                        m.lastError = :error, m.claimedBy = null where m.id = :id and m.claimedBy = :claim""")
                .setParameter("status", wait.isPresent() ? Mail.Status.PENDING : Mail.Status.FAILED)
                .setParameter("attempts", attempts)
                .setParameter("next", wait.map(w -> now.plus(w).toEpochMilli()).orElse(now.toEpochMilli()))
                .setParameter("error", error).setParameter("id", mail.id()).setParameter("claim", claim).executeUpdate();
        if (wait.isPresent()) {
            LOG.fine(() -> "Mail " + mail.id() + " not sent (attempt " + attempts + "): " + error + "; next attempt in " + wait.get());
        } else {
            LOG.severe(() -> "Mail " + mail.id() + " given up after " + attempts + " attempts: " + error + " (see /admin/mail)");
        }
    }

    /** A mail that was given up is due again, its attempts counted anew; false when there is no such failed mail. */
    @Transactional(Transactional.TxType.REQUIRED)
    public boolean retry(long id) {
        return em.createQuery("""
                        update Mail m set m.status = :pending, m.attempts = 0,
                        m.nextAttemptMs = :now where m.id = :id and m.status = :failed""")
                .setParameter("pending", Mail.Status.PENDING).setParameter("failed", Mail.Status.FAILED)
                .setParameter("now", System.currentTimeMillis()).setParameter("id", id).executeUpdate() == 1;
    }

    /** What went wrong, in one bounded line: the exception's own words (they name no password) and its cause's. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < Mail.ERROR_LENGTH; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(": ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(' ').append(t.getMessage());
            }
        }
        String line = text.toString().replaceAll("[\\p{Cntrl}]+", " ").strip();
        return line.length() <= Mail.ERROR_LENGTH ? line : line.substring(0, Mail.ERROR_LENGTH);
    }

    private static byte[] nextBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (ticking != null) {
            ticking.cancel(false);
        }
    }
}
