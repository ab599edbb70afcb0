package dossier.account.control;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OidcFlowTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final byte[] key = key();

    @Test
    void aSealedFlowOpensWithItsKeyWithin10Minutes() {
        OidcFlow cut = OidcFlow.start("/articles/x?y=1", NOW);
        String sealed = cut.seal(key);
        assertEquals(Optional.of(cut), OidcFlow.open(sealed, key, NOW.plusSeconds(599)));
        assertEquals(Optional.empty(), OidcFlow.open(sealed, key, NOW.plusSeconds(600)), "expired");
        assertTrue(sealed.length() < 300, sealed);
    }

    @Test
    void nothingInTheCookieCanBeReadOrChanged() {
        OidcFlow cut = OidcFlow.start("/", NOW);
        String sealed = cut.seal(key);
        assertFalse(new String(Base64.getUrlDecoder().decode(sealed), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains(cut.verifier()), "the verifier is not in clear");
        for (int i = 0; i < sealed.length(); i += 7) {
            char c = sealed.charAt(i);
            String changed = sealed.substring(0, i) + (c == 'A' ? 'B' : 'A') + sealed.substring(i + 1);
            assertEquals(Optional.empty(), OidcFlow.open(changed, key, NOW), "changed at " + i);
        }
        assertEquals(Optional.empty(), OidcFlow.open(sealed, key(), NOW), "another site's key");
        assertEquals(Optional.empty(), OidcFlow.open(sealed.substring(0, sealed.length() - 2), key, NOW), "cut");
        assertEquals(Optional.empty(), OidcFlow.open("x".repeat(OidcFlow.MAX_SEALED + 1), key, NOW), "overlong");
        assertEquals(Optional.empty(), OidcFlow.open("not base64 !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", key, NOW));
        assertEquals(Optional.empty(), OidcFlow.open(null, key, NOW));
    }

    @Test
    void everyFlowHasItsOwnRandomValues() {
        OidcFlow a = OidcFlow.start("/", NOW);
        OidcFlow b = OidcFlow.start("/", NOW);
        assertNotEquals(a.state(), b.state());
        assertNotEquals(a.nonce(), b.nonce());
        assertNotEquals(a.verifier(), b.verifier());
        assertTrue(OidcFlow.wellFormed(a.state()));
        assertTrue(a.answers(a.state()));
        assertFalse(a.answers(b.state()));
        assertFalse(a.answers(null));
    }

    @Test
    void theChallengeIsS256OfTheVerifier() {
        // RFC 7636, Appendix B.
        OidcFlow cut = new OidcFlow("s", "n", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "/", NOW);
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", cut.challenge());
    }

    @Test
    void anOverlongReturnAddressLeadsHome() {
        assertEquals("/", OidcFlow.start("/" + "a".repeat(700), NOW).returnTo());
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
