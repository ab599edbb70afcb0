package dossier.mail.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing that reaches a mail's headers can add a recipient or a header. */
class AddressesTest {

    @Test
    void onePlainAddressIsValid() {
        assertTrue(Addresses.valid("reader@example.org"));
        assertTrue(Addresses.valid("first.last+tag@mail.example.co.uk"));
    }

    @Test
    void headerInjectionAndListsAreRefused() {
        for (String hostile : new String[] {
                "reader@example.org\r\nBcc: victim@example.org",
                "reader@example.org\nSubject: hi",
                "reader@example.org, other@example.org",
                "Reader <reader@example.org>",
                "group: a@example.org, b@example.org;",
                "reader@example.org\u0000",
                "no-at-sign",
                "",
                "a".repeat(250) + "@example.org"}) {
            assertFalse(Addresses.valid(hostile), hostile);
        }
        assertFalse(Addresses.valid(null));
    }

    @Test
    void aSubjectIsOneBoundedLine() {
        assertEquals("Welcome Bcc: victim@example.org", Addresses.subject("Welcome\r\nBcc: victim@example.org", 200));
        assertEquals("ab", Addresses.subject("abc", 2));
        assertEquals("a b", Addresses.subject("a\u2028b", 200));
    }
}
