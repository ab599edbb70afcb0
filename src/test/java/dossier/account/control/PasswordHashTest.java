package dossier.account.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashTest {

    /** A few iterations keep the tests fast; the format and the checks are the same as at 600,000. */
    PasswordHash cut = new PasswordHash(2_000);

    @Test
    void theRightPasswordVerifies() {
        String stored = cut.hash("correct horse battery staple");
        assertTrue(cut.verify("correct horse battery staple", stored));
    }

    @Test
    void aWrongPasswordDoesNot() {
        String stored = cut.hash("correct horse battery staple");
        assertFalse(cut.verify("correct horse battery stapler", stored));
        assertFalse(cut.verify("", stored));
    }

    @Test
    void eachHashHasItsOwnSalt() {
        String first = cut.hash("same password");
        String second = cut.hash("same password");
        assertNotEquals(first, second);
        assertNotEquals(first.split("\\$")[2], second.split("\\$")[2]);
        assertTrue(cut.verify("same password", first));
        assertTrue(cut.verify("same password", second));
    }

    @Test
    void theHashRecordsItsParameters() {
        String[] parts = cut.hash("some password").split("\\$");
        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("2000", parts[1]);
        assertEquals(16, java.util.Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, java.util.Base64.getDecoder().decode(parts[3]).length);
    }

    @Test
    void aHashVerifiesWithTheIterationsItRecorded() {
        String stored = new PasswordHash(1_000).hash("older password");
        assertTrue(cut.verify("older password", stored));
    }

    @Test
    void fewerIterationsThanNowNeedAnUpgrade() {
        assertTrue(cut.needsUpgrade(new PasswordHash(1_000).hash("older password")));
        assertFalse(cut.needsUpgrade(cut.hash("current password")));
        assertFalse(cut.needsUpgrade(new PasswordHash(4_000).hash("stronger password")));
        assertTrue(cut.needsUpgrade("md5$abc"));
    }

    @Test
    void storedValuesOfAnotherShapeNeverVerify() {
        assertFalse(cut.verify("password", null));
        assertFalse(cut.verify("password", ""));
        assertFalse(cut.verify("password", "bcrypt$10$salt$hash"));
        assertFalse(cut.verify("password", "pbkdf2-sha256$1000$onlysalt"));
    }

    @Test
    void aServerCannotBeSetBelowTheFloor() {
        assertEquals(PasswordHash.MIN_ITERATIONS, new PasswordHash(PasswordHash.MIN_ITERATIONS).iterations());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new PasswordHash(999));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new PasswordHash(0));
    }

    @Test
    void theDefaultIsOwaspsFigure() {
        assertEquals(600_000, PasswordHash.ITERATIONS);
        assertFalse(new PasswordHash().needsUpgrade("pbkdf2-sha256$600000$c2FsdA$aGFzaA"));
        assertTrue(new PasswordHash().needsUpgrade("pbkdf2-sha256$310000$c2FsdA$aGFzaA"));
    }
}
