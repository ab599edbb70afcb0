package dossier.account.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ID token checks against keys made here, the provider's key set served over a real socket (so that fetches of
 * it can be counted): each refusal is a token a real attacker or a broken provider could send.
 */
class IdTokenCheckTest {

    private static final String ISSUER = "http://127.0.0.1/realms/test";
    private static final String CLIENT = "dossier";
    private static final String NONCE = "the-nonce-of-this-sign-in";
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private HttpServer jwks;
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private RSAKey key;
    private IdTokenCheck cut;

    @BeforeEach
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("key-1").generate();
        published.set(new JWKSet(key.toPublicJWK()));
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/certs", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        cut = check(Duration.ofMillis(1));
    }

    @AfterEach
    void stop() {
        jwks.stop(0);
    }

    private IdTokenCheck check(Duration refetch) throws Exception {
        URL uri = new URL("http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs");
        return new IdTokenCheck(ISSUER, CLIENT, IdTokenCheck.keys(uri, refetch), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aTokenOfTheProviderForThisSignInPasses() throws Exception {
        JWTClaimsSet claims = cut.verify(token(key, c -> c), NONCE);
        assertEquals("subject-1", claims.getSubject());
        assertEquals("ada", claims.getStringClaim("preferred_username"));
    }

    @Test
    void aBadSignatureIsRefused() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("key-1").generate(); // same key id, another key
        assertRefused(token(impostor, c -> c), "signature");
        String good = token(key, c -> c);
        String[] parts = good.split("\\.");
        String otherClaims = token(key, c -> c.subject("someone-else")).split("\\.")[1];
        assertRefused(parts[0] + "." + otherClaims + "." + parts[2], "signature"); // claims swapped under a signature
    }

    @Test
    void unsignedOrSharedSecretTokensAreRefused() throws Exception {
        assertRefused(new PlainJWT(claims(c -> c)).serialize(), "");
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(), claims(c -> c));
        hmac.sign(new MACSigner("a-shared-secret-that-is-long-enough-for-hs256"));
        assertRefused(hmac.serialize(), "signature");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        assertRefused(token(key, c -> c.issuer("http://127.0.0.1/realms/other")), "another issuer");
    }

    @Test
    void aTokenForAnotherClientIsRefused() throws Exception {
        assertRefused(token(key, c -> c.audience("another-app")), "another client");
        assertRefused(token(key, c -> c.audience(List.of(CLIENT, "another-app"))), "no authorized party");
        assertRefused(token(key, c -> c.audience(List.of(CLIENT, "another-app")).claim("azp", "another-app")), "authorized party");
        cut.verify(token(key, c -> c.audience(List.of(CLIENT, "another-app")).claim("azp", CLIENT)), NONCE);
    }

    @Test
    void anExpiredTokenIsRefusedBeyondAMinuteOfSkew() throws Exception {
        assertRefused(token(key, c -> c.issueTime(at(-600)).expirationTime(at(-61))), "expired");
        assertRefused(token(key, c -> c.expirationTime(null)), "expired");
        cut.verify(token(key, c -> c.issueTime(at(-600)).expirationTime(at(-59))), NONCE);
    }

    @Test
    void aTokenFromTheFutureIsRefused() throws Exception {
        assertRefused(token(key, c -> c.issueTime(at(61)).expirationTime(at(600))), "future");
        assertRefused(token(key, c -> c.notBeforeTime(at(61))), "not valid yet");
        cut.verify(token(key, c -> c.issueTime(at(59)).notBeforeTime(at(59))), NONCE);
    }

    @Test
    void aTokenOfAnotherSignInIsRefused() throws Exception {
        assertRefused(token(key, c -> c.claim("nonce", "another-nonce")), "nonce");
        assertRefused(token(key, c -> c.claim("nonce", null)), "nonce");
    }

    @Test
    void garbageAndOverlongTokensAreRefused() throws Exception {
        assertRefused("not.a.token", "");
        assertRefused("", "");
        assertRefused("x".repeat(IdTokenCheck.MAX_LENGTH + 1), "longer");
        assertEquals(0, fetches.get(), "nothing fetched for a token that is not even a JWT");
    }

    @Test
    void aRotatedKeyIsFetchedOnceAndUsed() throws Exception {
        cut.verify(token(key, c -> c), NONCE);
        cut.verify(token(key, c -> c), NONCE);
        assertEquals(1, fetches.get(), "the key set is kept");
        RSAKey next = new RSAKeyGenerator(2048).keyID("key-2").generate();
        published.set(new JWKSet(List.of(next.toPublicJWK(), key.toPublicJWK())));
        Thread.sleep(5);
        assertEquals("subject-1", cut.verify(token(next, c -> c), NONCE).getSubject());
        assertEquals(2, fetches.get(), "one more fetch for the new key id");
    }

    @Test
    void unknownKeyIdsDoNotMakeItFetchAgainAndAgain() throws Exception {
        IdTokenCheck limited = check(Duration.ofMinutes(1));
        limited.verify(token(key, c -> c), NONCE);
        int before = fetches.get();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("never-published").generate();
        for (int i = 0; i < 10; i++) {
            assertThrows(IdTokenCheck.Refused.class, () -> limited.verify(token(stranger, c -> c), NONCE));
        }
        assertTrue(fetches.get() - before <= 1, "fetched " + (fetches.get() - before) + " times for ten unknown key ids");
    }

    private void assertRefused(String token, String reason) {
        IdTokenCheck.Refused refused = assertThrows(IdTokenCheck.Refused.class, () -> cut.verify(token, NONCE));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    private static Date at(long secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }

    private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("subject-1")
                .issueTime(at(-5)).expirationTime(at(300)).claim("nonce", NONCE).claim("preferred_username", "ada")).build();
    }

    private static String token(RSAKey signer, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(signer.getKeyID()).build(),
                claims(change));
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }
}
