package dossier.mail.boundary;

import dossier.mail.control.MailSettings;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The mail sender on a given entity manager, for tests and benchmarks outside the container: each claim and mark
 * in a transaction of its own, as the container's {@code REQUIRES_NEW} does.
 */
public final class Senders {

    private Senders() {
    }

    public static MailSender on(EntityManager em, MailSettings settings) {
        MailSender sender = new MailSender() {
            @Override
            public List<Claimed> claim(String claim, Instant now, int max) {
                return inTransaction(em, () -> super.claim(claim, now, max));
            }

            @Override
            public void sent(Claimed mail, String claim, Instant now) {
                inTransaction(em, () -> {
                    super.sent(mail, claim, now);
                    return null;
                });
            }

            @Override
            public void failed(Claimed mail, String claim, Instant now, Exception cause) {
                inTransaction(em, () -> {
                    super.failed(mail, claim, now, cause);
                    return null;
                });
            }
        };
        sender.em = em;
        sender.settings = settings;
        sender.self = sender;
        return sender;
    }

    /** Sends until nothing is due; how many mails were claimed in all. */
    public static int drain(MailSender sender, EntityManager em) {
        int total = 0;
        for (int n; (n = sender.deliverBatch()) > 0; ) {
            total += n;
            em.clear();
        }
        return total;
    }

    public static <T> T inTransaction(EntityManager em, Supplier<T> work) {
        return dossier.testing.Transactions.inTransaction(em, work);
    }
}
