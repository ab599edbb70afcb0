package dossier.account.control;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One sign-in through an OpenID provider between leaving for the provider and coming back: the {@code state} that
 * the answer must bring back, the {@code nonce} the ID token must hold, the PKCE verifier (RFC 7636, S256) and the
 * local address to return to. No anonymous visitor gets a session, and a cluster has no sticky sessions, so it
 * travels in a cookie of the visitor's own, sealed with AES-256-GCM under the site's key: nobody can read the
 * verifier in it, nor make or change one, and any node opens it. It holds for {@link #VALID}.
 */
public record OidcFlow(String state, String nonce, String verifier, String returnTo, Instant expires) {

    public static final Duration VALID = Duration.ofMinutes(10);
    /** The longest sealed text accepted: a cookie of this flow is about 150 characters plus its return address. */
    public static final int MAX_SEALED = 1200;
    /** The longest return address kept (a longer one returns to the home page). */
    static final int MAX_RETURN = 600;
    private static final Pattern RANDOM_VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final byte[] PURPOSE = "dossier-oidc-flow".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    public OidcFlow {
        Objects.requireNonNull(state);
        Objects.requireNonNull(nonce);
        Objects.requireNonNull(verifier);
        Objects.requireNonNull(returnTo);
        Objects.requireNonNull(expires);
    }

    /** A new flow with fresh random values, returning to {@code returnTo} (a checked local path). */
    public static OidcFlow start(String returnTo, Instant now) {
        return new OidcFlow(random(), random(), random(), returnTo.length() > MAX_RETURN ? "/" : returnTo, now.plus(VALID));
    }

    /** The PKCE code challenge of the verifier: BASE64URL(SHA-256(verifier)). */
    public String challenge() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the provider's answer brought back this flow's state (compared in constant time). */
    public boolean answers(String returnedState) {
        return returnedState != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.US_ASCII),
                returnedState.getBytes(StandardCharsets.US_ASCII));
    }

    /** The flow sealed under the key (32 bytes), as base64url: a random IV, then the ciphertext with its tag. */
    public String seal(byte[] key) {
        String plain = String.join("\n", state, nonce, verifier, returnTo, Long.toString(expires.getEpochSecond()));
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The flow in a sealed text, if it was sealed under this key, is whole, and has not expired; empty for anything
     * else (a forged, changed, cut or overlong text, another key, an old flow).
     */
    public static Optional<OidcFlow> open(String sealed, byte[] key, Instant now) {
        if (sealed == null || sealed.length() > MAX_SEALED || sealed.length() < 40) {
            return Optional.empty();
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(in, 12));
            String[] parts = new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 5) {
                return Optional.empty();
            }
            OidcFlow flow = new OidcFlow(parts[0], parts[1], parts[2], parts[3], Instant.ofEpochSecond(Long.parseLong(parts[4])));
            return flow.expires.isAfter(now) ? Optional.of(flow) : Optional.empty();
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty(); // not base64url, not sealed with this key, or changed on the way
        }
    }

    /** Whether a value sent back as {@code state} has the form this site gives it (checked before anything else). */
    public static boolean wellFormed(String state) {
        return state != null && RANDOM_VALUE.matcher(state).matches();
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(PURPOSE);
        return cipher;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
