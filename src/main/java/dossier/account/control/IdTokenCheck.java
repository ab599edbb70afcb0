package dossier.account.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The checks of an OpenID Connect ID token (OpenID Connect Core 1.0, 3.1.3.7), before anything in it is believed:
 * a signature by one of the provider's keys (its JWKS; asymmetric algorithms only, so neither {@code none} nor a
 * token "signed" with a shared secret passes), the issuer, the audience (and the authorized party when there
 * are several audiences), the expiry, "not before" and "issued at" with at most {@link #SKEW} of clock difference,
 * and the nonce of the sign-in it answers. Signature and key handling are Nimbus JOSE+JWT's; the claims are
 * checked here, against this clock.
 */
public final class IdTokenCheck {

    public static final Duration SKEW = Duration.ofSeconds(60);
    /** The longest ID token looked at. */
    public static final int MAX_LENGTH = 16 * 1024;
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /** A token that must not be believed, with the reason (for the log: it names no secret). */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }

        public Refused(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private final String issuer;
    private final String clientId;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public IdTokenCheck(String issuer, String clientId, JWKSource<SecurityContext> keys, Clock clock) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clock = clock;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(null); // every claim is checked below, against our clock
    }

    /**
     * The provider's key set at {@code jwksUri}: fetched with bounded time and size, kept for five minutes; a token
     * signed with a key id the kept set lacks (the provider rotated its keys) makes it fetch the set once more, at
     * most once per {@code refetchInterval}.
     */
    public static JWKSource<SecurityContext> keys(URL jwksUri, Duration refetchInterval) {
        return JWKSourceBuilder.<SecurityContext>create(jwksUri, new DefaultResourceRetriever(5_000, 5_000, 256 * 1024))
                .cache(Duration.ofMinutes(5).toMillis(), Duration.ofSeconds(15).toMillis())
                .rateLimited(refetchInterval.toMillis())
                .retrying(false)
                .build();
    }

    /** The claims of a token that passes every check. */
    public JWTClaimsSet verify(String idToken, String expectedNonce) throws Refused {
        if (idToken == null || idToken.isEmpty() || idToken.length() > MAX_LENGTH) {
            throw new Refused("no ID token, or one longer than " + MAX_LENGTH + " characters");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (KeySourceException e) {
            throw new Refused("the provider's keys could not be read: " + e.getMessage(), e);
        } catch (BadJOSEException | JOSEException e) {
            throw new Refused("its signature is not one of the provider's keys: " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new Refused("it is no signed JWT: " + e.getMessage(), e);
        }
        check(claims, expectedNonce);
        return claims;
    }

    private void check(JWTClaimsSet claims, String expectedNonce) throws Refused {
        if (!issuer.equals(claims.getIssuer())) {
            throw new Refused("it comes from another issuer: " + cut(claims.getIssuer()));
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(clientId)) {
            throw new Refused("it was issued to another client: " + cut(String.valueOf(audience)));
        }
        Object azp = claims.getClaim("azp");
        if (audience.size() > 1 && azp == null) {
            throw new Refused("it has several audiences and no authorized party");
        }
        if (azp != null && !clientId.equals(azp)) {
            throw new Refused("its authorized party is another client: " + cut(String.valueOf(azp)));
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().plus(SKEW).isAfter(now)) {
            throw new Refused("it has expired (exp " + (exp == null ? "missing" : exp.toInstant()) + ", now " + now + ")");
        }
        Date iat = claims.getIssueTime();
        if (iat == null || iat.toInstant().minus(SKEW).isAfter(now)) {
            throw new Refused("it was issued in the future, or says not when (iat " + (iat == null ? "missing" : iat.toInstant()) + ")");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(SKEW).isAfter(now)) {
            throw new Refused("it is not valid yet (nbf " + nbf.toInstant() + ")");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isEmpty() || subject.length() > 255) {
            throw new Refused("its subject is missing or longer than 255 characters");
        }
        Object nonce = claims.getClaim("nonce");
        if (!(nonce instanceof String n) || !MessageDigest.isEqual(n.getBytes(StandardCharsets.UTF_8),
                expectedNonce.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused("its nonce is not the one of this sign-in");
        }
    }

    private static String cut(String s) {
        return s == null ? "none" : s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
