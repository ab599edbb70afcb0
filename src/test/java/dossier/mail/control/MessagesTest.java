package dossier.mail.control;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A verification mail as it leaves: two parts from the templates, escaped HTML, the Message-ID it was given. */
class MessagesTest {

    private final MailTemplates templates = new MailTemplates();
    private final Session session = Session.getInstance(new Properties());

    @Test
    void bothPartsComeFromTheTemplatesAndTheHtmlEscapesWhatTheUserChose() throws Exception {
        MailTemplates.Rendered parts = templates.render("verify-email", Map.of("baseUrl", "https://dossier.example",
                "username", "<script>alert(1)</script>", "link", "https://dossier.example/verify-email?token=abc&x=\"y\"", "hours", 48));
        assertFalse(parts.html().contains("<script>"), parts.html());
        assertTrue(parts.html().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(parts.html().contains("href=\"https://dossier.example/verify-email?token=abc&amp;x=&#34;y&#34;\""), parts.html());
        assertTrue(parts.text().contains("Hello <script>alert(1)</script>,"), "text stays text");
        assertTrue(parts.text().contains("https://dossier.example/verify-email?token=abc&x=\"y\""));

        MimeMessage m = Messages.build(session, new InternetAddress("dossier@example.org"), "reader@example.org",
                "Confirm\r\nBcc: victim@example.org", parts.text(), parts.html(), "<abc.1@example.org>", new Date());
        assertEquals("<abc.1@example.org>", m.getMessageID());
        assertArrayEquals(new InternetAddress[] {new InternetAddress("reader@example.org")}, m.getRecipients(Message.RecipientType.TO));
        assertEquals(null, m.getRecipients(Message.RecipientType.BCC));
        assertEquals("Confirm Bcc: victim@example.org", m.getSubject());
        MimeMultipart alternatives = (MimeMultipart) m.getContent();
        assertTrue(alternatives.getContentType().startsWith("multipart/alternative"));
        assertTrue(alternatives.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(alternatives.getBodyPart(1).isMimeType("text/html"));
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        String wire = raw.toString(StandardCharsets.US_ASCII);
        assertEquals(1, wire.split("\r\nMessage-ID: ", -1).length - 1, wire);
        assertFalse(wire.contains("\r\nBcc:"));
    }

    @Test
    void aRecipientThatIsNotOnePlainAddressIsNeverSent() {
        assertThrows(jakarta.mail.internet.AddressException.class, () -> Messages.build(session, new InternetAddress("dossier@example.org"),
                "a@example.org\r\nBcc: b@example.org", "s", "t", "h", "<x@example.org>", new Date()));
    }

    @Test
    void aNotificationCarriesTheOneClickUnsubscribeHeadersOfRfc8058AndOtherMailsDoNot() throws Exception {
        MimeMessage plain = Messages.build(session, new InternetAddress("dossier@example.org"), "reader@example.org",
                "Confirm", "t", "h", "<p.1@example.org>", new Date());
        assertEquals(null, plain.getHeader("List-Unsubscribe"));
        MimeMessage notification = Messages.build(session, new InternetAddress("dossier@example.org"), "reader@example.org",
                "New comment", "t", "h", "<n.1@example.org>", new Date(), "https://dossier.example/unsubscribe?t=1.all.x");
        assertArrayEquals(new String[] {"<https://dossier.example/unsubscribe?t=1.all.x>"}, notification.getHeader("List-Unsubscribe"));
        assertArrayEquals(new String[] {"List-Unsubscribe=One-Click"}, notification.getHeader("List-Unsubscribe-Post"));
    }
}
