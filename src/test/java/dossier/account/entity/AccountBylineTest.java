package dossier.account.entity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How an account is shown as an author, what a display name may hold, and what is left of a deleted account. */
class AccountBylineTest {

    private final Account account = new Account("someone", "someone@example.org", "hash", Instant.now());

    @Test
    void theUsernameAloneUntilADisplayNameIsGivenThenBoth() {
        assertEquals("@someone", account.byline());
        account.changeDisplayName("  Ada   Lovelace ");
        assertEquals("Ada Lovelace (@someone)", account.byline(), "the username stays beside the name: it is the identity");
        account.changeDisplayName("   ");
        assertNull(account.displayName(), "an empty name clears it");
        assertEquals("@someone", account.byline());
    }

    @Test
    void controlAndInvisibleCharactersAreDroppedAndLengthIsBounded() {
        assertEquals("Ada Lovelace", Account.cleanDisplayName("Ada\u0000\u202E \nLove\u200Blace\u0007"));
        assertEquals("<script>alert(1)</script>", Account.cleanDisplayName("<script>alert(1)</script>"),
                "markup is kept as text: pages escape it");
        String sixty = "é".repeat(60);
        assertEquals(sixty, Account.cleanDisplayName(sixty));
        assertEquals("😀".repeat(60), Account.cleanDisplayName("😀".repeat(60)), "characters are counted, not UTF-16 units");
        assertThrows(IllegalArgumentException.class, () -> Account.cleanDisplayName(sixty + "x"));
    }

    @Test
    void aDeletedAccountIsATombstoneThatNobodyCanUse() {
        account.changeDisplayName("Ada");
        account.delete(Instant.now());
        assertTrue(account.isDeleted());
        assertEquals(Account.DELETED_NAME, account.byline());
        assertFalse(Account.isValidUsername(account.username()), "the placeholder is a name nobody can register or log in with");
        assertEquals("", account.email());
        assertNull(account.displayName());
        assertEquals(Set.of(), account.groups(true), "no group, not even the session's");
        assertFalse(account.acceptsSessionFrom(System.currentTimeMillis() - 1), "its sessions are over");
    }
}
