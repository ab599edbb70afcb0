package dossier.comment.control;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnsubscribeTokensTest {

    private final UnsubscribeTokens cut = new UnsubscribeTokens("a key of at least thirty-two bytes!!".getBytes());

    @Test
    void aSignedTokenNamesItsAccountAndWhatItStops() {
        assertEquals(Optional.of(new UnsubscribeTokens.Scope(42, null)), cut.verify(cut.sign(new UnsubscribeTokens.Scope(42, null))));
        assertEquals(Optional.of(new UnsubscribeTokens.Scope(42, 7L)), cut.verify(cut.sign(new UnsubscribeTokens.Scope(42, 7L))));
        assertTrue(UnsubscribeTokens.wellFormed(cut.sign(new UnsubscribeTokens.Scope(42, 7L))));
    }

    @Test
    void aChangedOrForeignOrMalformedTokenIsRefused() {
        String token = cut.sign(new UnsubscribeTokens.Scope(42, null));
        assertEquals(Optional.empty(), cut.verify(token.replaceFirst("^42\\.", "43.")), "another account");
        assertEquals(Optional.empty(), cut.verify(token.replace(".all.", ".a1.")), "another scope");
        UnsubscribeTokens other = new UnsubscribeTokens("another key, thirty-two bytes long".getBytes());
        assertEquals(Optional.empty(), other.verify(token), "signed with another site's key");
        for (String bad : new String[] {null, "", "42.all", token + "x", "x".repeat(10_000), "042.all." + "A".repeat(43), "42.all.<script>"}) {
            assertEquals(Optional.empty(), cut.verify(bad), String.valueOf(bad));
        }
        assertFalse(UnsubscribeTokens.wellFormed("42.all"));
    }
}
