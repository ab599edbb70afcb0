package dossier.mail.boundary;

import dossier.mail.entity.Mail;
import dossier.site.control.View;

import java.util.List;

/** The outbox as administrators see it: whether a server is set, the counts by state, the latest mails. */
public record MailOutboxView(boolean configured, long pending, long failed, long sent, String status, List<Mail> mails)
        implements View {

    @Override
    public String template() {
        return "mail-outbox.jte";
    }
}
