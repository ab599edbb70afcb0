package dossier.mail.boundary;

import dossier.mail.entity.Mail;
import dossier.site.control.AdminPanel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The overview's outbox: whether mail can leave, what waits and what failed for good. */
@ApplicationScoped
public class MailPanel implements AdminPanel {

    @Inject
    Outbox outbox;

    @Override
    public int order() {
        return 50;
    }

    @Override
    public State state() {
        long waiting = outbox.count(Mail.Status.PENDING);
        long failed = outbox.count(Mail.Status.FAILED);
        String attention = failed > 0 ? failed + " mail(s) failed for good: see why and send them again."
                : !outbox.serverConfigured() && waiting > 0 ? waiting + " mail(s) wait, and no mail server is configured." : "";
        return new State("Mail", "/admin/mail", List.of(
                outbox.serverConfigured() ? "a mail server is configured" : "no mail server configured (dossier.mail.host)",
                waiting + " waiting, " + outbox.count(Mail.Status.SENT) + " sent, " + failed + " failed"), attention);
    }
}
