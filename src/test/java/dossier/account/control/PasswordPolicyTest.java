package dossier.account.control;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordPolicyTest {

    PasswordPolicy cut = new PasswordPolicy();

    @Test
    void aLongUncommonPasswordIsAccepted() {
        assertEquals(Optional.empty(), cut.problem("violet-harbour-lantern", "ada"));
        assertEquals(Optional.empty(), cut.problem("violet-harbour-lantern", null));
    }

    @Test
    void tooShortOrMissingIsRefused() {
        assertTrue(cut.problem(null, "ada").orElseThrow().contains("at least 10"));
        assertTrue(cut.problem("", "ada").orElseThrow().contains("at least 10"));
        assertTrue(cut.problem("nine-char", "ada").orElseThrow().contains("at least 10"));
        assertEquals(Optional.empty(), cut.problem("ten-chars!", "ada"));
    }

    @Test
    void tooLongIsRefused() {
        assertEquals(Optional.empty(), cut.problem("x".repeat(PasswordPolicy.MAX_LENGTH), "ada"));
        assertTrue(cut.problem("x".repeat(PasswordPolicy.MAX_LENGTH + 1), "ada").orElseThrow()
                .contains("at most 200"));
    }

    @Test
    void theUsernameMustNotBeInside() {
        assertTrue(cut.problem("my-name-is-Lovelace", "lovelace").orElseThrow().contains("username"));
        assertTrue(cut.problem("LOVELACE-2026-x", "Lovelace").orElseThrow().contains("username"));
        assertEquals(Optional.empty(), cut.problem("my-name-is-Lovelace", " "));
    }

    @Test
    void theCommonPasswordsAreRefusedWhateverTheirCase() {
        assertTrue(cut.problem("1234567890", "ada").orElseThrow().contains("most common"));
        assertTrue(cut.problem("0987654321", "ada").orElseThrow().contains("most common"));
        assertTrue(cut.problem("QwertyUIOP", "ada").orElseThrow().contains("most common"));
    }
}
