package dossier.mail;

import dossier.testing.Browser;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared test server has no mail server configured: the site works fully, readers comment at once, and the
 * mails wait in the outbox where administrators see them. (With a mail server: {@code MailIT}.)
 */
public abstract class MailScenarios extends dossier.testing.Scenarios {

    static final String ARTICLE = "/articles/data-sovereignty-air-gapped";

    protected MailScenarios(URL base) {
        super(base);
    }

    @Test
    void withoutAMailServerAReaderCommentsAtOnceAndTheMailWaitsForTheAdministrators() throws Exception {
        Browser reader = visitor();
        String name = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        assertEquals(303, reader.register(name, "a-long-enough-password").statusCode());
        String page = reader.get(ARTICLE).body();
        assertFalse(page.contains("Confirm your e-mail address to comment"), "no confirmation asked without mail");
        String text = "No mail server needed " + UUID.randomUUID();
        assertEquals(303, reader.submit(ARTICLE + "/comments", "body", text).statusCode());
        assertTrue(reader.get(ARTICLE).body().contains(text));

        Browser admin = editor();
        HttpResponse<String> outbox = admin.get("/admin/mail?status=pending");
        assertEquals(200, outbox.statusCode());
        assertTrue(outbox.body().contains("No mail server is configured"), outbox.body());
        assertTrue(outbox.body().contains(name + "@example.org"), "the reader's mail waits");
        assertFalse(outbox.body().contains("verify-email?token="), "the link itself is for the reader only");
        assertEquals(403, reader.get("/admin/mail").statusCode());
    }
}
