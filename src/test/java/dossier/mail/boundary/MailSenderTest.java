package dossier.mail.boundary;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dossier.mail.control.MailSettings;
import dossier.mail.entity.Mail;
import dossier.testing.Databases;
import dossier.testing.PostgresCluster;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sender against a real SMTP server (GreenMail on a free loopback port) and a real database (H2 in memory,
 * migrated): claims, marks, waits and giving up, and two senders sharing one outbox.
 */
class MailSenderTest {

    private EntityManagerFactory emf;
    private EntityManager em;
    private int port;
    private GreenMail smtp;
    private MailSettings settings;

    @BeforeEach
    void open() throws Exception {
        emf = Databases.open(Databases.freshH2());
        em = emf.createEntityManager();
        port = PostgresCluster.freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        settings = new MailSettings("127.0.0.1", port, "dossier@dossier.example", false, "https://dossier.example");
    }

    @AfterEach
    void close() {
        smtp.stop();
        em.close();
        emf.close();
    }

    private void enqueue(int count) {
        Outbox outbox = Outboxes.on(em, settings);
        Senders.inTransaction(em, () -> {
            for (int i = 0; i < count; i++) {
                outbox.enqueue("reader" + i + "@example.org", "Confirm your e-mail address", "verify-email",
                        Map.of("username", "reader" + i, "link", "https://dossier.example/verify-email?token=t" + i, "hours", 48));
            }
            return null;
        });
        em.clear();
    }

    private List<Mail> outbox() {
        em.clear();
        return em.createQuery("select m from Mail m order by m.id", Mail.class).getResultList();
    }

    @Test
    void aMailServerThatIsDownLeavesTheMailsWaitingWithTheReason() {
        enqueue(3);
        MailSender sender = Senders.on(em, settings);
        assertEquals(3, Senders.drain(sender, em), "claimed once each, then waiting");
        for (Mail m : outbox()) {
            assertEquals(Mail.Status.PENDING, m.status());
            assertEquals(1, m.attempts());
            assertTrue(m.lastError().contains("ConnectException"), m.lastError());
            assertTrue(m.nextAttempt().isAfter(Instant.now().plusSeconds(50)), "a minute's wait");
        }
        smtp.start();
        assertEquals(0, Senders.drain(sender, em), "nothing is due before its wait is over");
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void eachFailureWaitsLongerUntilTheMailIsGivenUpAndAnAdministratorMayRetryIt() {
        enqueue(1);
        MailSender sender = Senders.on(em, settings);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // the outbox keeps milliseconds
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 11; attempt++) {
            List<MailSender.Claimed> claimed = sender.claim("c" + attempt, now, 10);
            assertEquals(1, claimed.size(), "attempt " + attempt);
            assertEquals(List.of(), sender.claim("other", now, 10), "a claimed mail is nobody else's");
            sender.failed(claimed.get(0), "c" + attempt, now, new jakarta.mail.MessagingException("451 try later"));
            Mail m = outbox().get(0);
            if (m.status() == Mail.Status.FAILED) {
                assertEquals(11, attempt);
                break;
            }
            Duration wait = Duration.between(now, m.nextAttempt());
            waits.add(wait);
            assertEquals(List.of(), sender.claim("early", now.plus(wait).minusMillis(1), 10), "not before its time");
            now = now.plus(wait);
        }
        assertEquals(Duration.ofMinutes(1), waits.get(0));
        assertEquals(Duration.ofHours(6), waits.get(waits.size() - 1));
        Mail given = outbox().get(0);
        assertEquals(Mail.Status.FAILED, given.status());
        assertEquals("MessagingException 451 try later", given.lastError());

        Senders.inTransaction(em, () -> sender.retry(given.id()));
        smtp.start();
        assertEquals(1, Senders.drain(sender, em));
        assertEquals(Mail.Status.SENT, outbox().get(0).status());
        assertEquals(1, smtp.getReceivedMessages().length);
    }

    @Test
    void twoSendersOnOneOutboxSendEachMailOnce() throws Exception {
        smtp.start();
        enqueue(150);
        EntityManager other = emf.createEntityManager();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> claimed = List.of(
                    threads.submit(() -> Senders.drain(Senders.on(em, settings), em)),
                    threads.submit(() -> Senders.drain(Senders.on(other, settings), other)));
            assertEquals(150, claimed.get(0).get() + claimed.get(1).get());
        } finally {
            threads.shutdown();
            other.close();
        }
        assertTrue(smtp.waitForIncomingEmail(10_000, 150));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(150, received.length);
        Set<String> recipients = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (MimeMessage m : received) {
            recipients.add(m.getAllRecipients()[0].toString());
            ids.add(m.getMessageID());
        }
        assertEquals(150, recipients.size(), "every reader got one mail");
        assertEquals(150, ids.size());
        assertTrue(outbox().stream().allMatch(m -> m.status() == Mail.Status.SENT && m.attempts() == 1));
    }
}
