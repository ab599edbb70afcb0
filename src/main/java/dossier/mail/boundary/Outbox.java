package dossier.mail.boundary;

import dossier.mail.control.Addresses;
import dossier.mail.control.MailSettings;
import dossier.mail.control.MailTemplates;
import dossier.mail.entity.Mail;
import dossier.mail.entity.MailQueued;
import dossier.site.control.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where features put mails: a row in the transaction of the change that causes the mail (so a change that rolls
 * back sends nothing), delivered later by {@link MailSender}. Works the same whether or not a mail server is
 * configured; without one, mails wait here.
 *
 * <p>At {@code /metrics}, for the whole cluster (read from the table at most every {@link Metrics#DATABASE_FIGURES}):
 * {@code dossier_mail_outbox_pending}, mails waiting to be sent, and {@code dossier_mail_outbox_failed}, mails given
 * up that wait for an administrator ({@code /admin/mail}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Outbox {

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    MailSettings settings;

    @Inject
    Event<MailQueued> queued;

    private final MailTemplates templates = new MailTemplates();

    /** What may stand between the angle brackets of a header: no space, no bracket, no line break. */
    private static final Pattern UNSUBSCRIBE = Pattern.compile("https?://[\\x21-\\x7e&&[^<>]]+");

    /**
     * Puts a mail in the outbox, in the caller's transaction (there must be one). The template
     * {@code mail/<template>.jte} gets these values and {@code baseUrl}; the subject is made one line.
     *
     * @throws IllegalArgumentException when the recipient is not one plain valid address
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Mail enqueue(String recipient, String subject, String template, Map<String, Object> values) {
        return enqueue(recipient, subject, template, values, null);
    }

    /**
     * A mail that its recipient can stop without logging in (RFC 8058): it carries {@code List-Unsubscribe} with
     * this absolute address of the site and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}. The template
     * also gets the address as {@code unsubscribe}.
     *
     * @throws IllegalArgumentException when the recipient is not one plain valid address, or the unsubscribe
     *                                  address is not an address of this site that fits in a header
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Mail enqueue(String recipient, String subject, String template, Map<String, Object> values, String unsubscribe) {
        if (unsubscribe != null && (!unsubscribe.startsWith(settings.baseUrl() + "/") || unsubscribe.length() > Mail.UNSUBSCRIBE_LENGTH
                || !UNSUBSCRIBE.matcher(unsubscribe).matches())) {
            throw new IllegalArgumentException("not an unsubscribe address of this site");
        }
        if (!Addresses.valid(recipient)) {
            throw new IllegalArgumentException("not one valid address");
        }
        Map<String, Object> all = new HashMap<>(values);
        all.put("baseUrl", settings.baseUrl());
        if (unsubscribe != null) {
            all.put("unsubscribe", unsubscribe);
        }
        MailTemplates.Rendered parts = templates.render(template, all);
        Mail mail = new Mail(recipient, Addresses.subject(subject, Mail.SUBJECT_LENGTH), parts.text(), parts.html(),
                settings.newMessageId(), Instant.now()).unsubscribedAt(unsubscribe);
        em.persist(mail);
        em.flush();
        queued.fire(new MailQueued(mail.id()));
        return mail;
    }

    void register(@Observes @Initialized(ApplicationScoped.class) Object start, MetricRegistry registry) {
        Metrics.gauge(registry, "dossier_mail_outbox_pending", MetricUnits.NONE, "Mails in the outbox waiting to be sent",
                Metrics.keptFor(Metrics.DATABASE_FIGURES, "the mails waiting in the outbox", () -> count(Mail.Status.PENDING)));
        Metrics.gauge(registry, "dossier_mail_outbox_failed", MetricUnits.NONE,
                "Mails given up after their last attempt, waiting for an administrator",
                Metrics.keptFor(Metrics.DATABASE_FIGURES, "the failed mails in the outbox", () -> count(Mail.Status.FAILED)));
    }

    /** An absolute link to a path of this site, for mails. */
    public String link(String path) {
        return settings.baseUrl() + path;
    }

    public boolean serverConfigured() {
        return settings.configured();
    }

    /** The latest mails, newest first; of one status when it is given. */
    public List<Mail> latest(Mail.Status status, int max) {
        return (status == null ? em.createNamedQuery(Mail.RECENT, Mail.class)
                : em.createNamedQuery(Mail.WITH_STATUS, Mail.class).setParameter("status", status))
                .setMaxResults(max).getResultList();
    }

    public long count(Mail.Status status) {
        return em.createNamedQuery(Mail.COUNT_WITH_STATUS, Long.class).setParameter("status", status).getSingleResult();
    }
}
