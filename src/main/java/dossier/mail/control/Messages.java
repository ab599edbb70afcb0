package dossier.mail.control;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.util.Date;

/** A mail of the outbox as a MIME message: text and HTML as alternatives, and the Message-ID it was given. */
public final class Messages {

    private Messages() {
    }

    public static MimeMessage build(Session session, InternetAddress from, String recipient, String subject, String text,
                                    String html, String messageId, Date sent) throws MessagingException {
        return build(session, from, recipient, subject, text, html, messageId, sent, null);
    }

    /**
     * With an unsubscribe address (checked by the outbox: an absolute address of the site, no space or bracket),
     * the mail carries the two headers of RFC 8058, so that mail providers offer "unsubscribe" and send the one POST
     * themselves.
     */
    public static MimeMessage build(Session session, InternetAddress from, String recipient, String subject, String text,
                                    String html, String messageId, Date sent, String listUnsubscribe) throws MessagingException {
        InternetAddress to = Addresses.parse(recipient).orElseThrow(() -> new AddressException("not one valid address"));
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // The same id on every attempt, so a mail sent twice after a crash is recognisably one.
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, to);
        message.setSubject(Addresses.subject(subject, 998), "UTF-8");
        message.setSentDate(sent);
        message.setHeader("Auto-Submitted", "auto-generated");
        if (listUnsubscribe != null) {
            message.setHeader("List-Unsubscribe", "<" + listUnsubscribe + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8", "plain");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(plain);
        alternatives.addBodyPart(rich);
        message.setContent(alternatives);
        message.saveChanges();
        return message;
    }
}
