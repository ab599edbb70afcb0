package dossier.account.control;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * PBKDF2-HMAC-SHA256 with 600,000 iterations (OWASP's figure for this function), from the JDK alone.
 * Each hash records its own parameters, {@code pbkdf2-sha256$iterations$salt$hash}, so that a hash made
 * with weaker settings is recognised and replaced at the next successful login.
 */
public class PasswordHash {

    public static final int ITERATIONS = 600_000;
    /** The fewest iterations a server may be set to (test servers, which hash hundreds of passwords a minute). */
    public static final int MIN_ITERATIONS = 1_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Every derivation this process made (hashes, checks, time spent): tests read it to prove a path hashes nothing. */
    private static final java.util.concurrent.atomic.LongAdder DERIVATIONS = new java.util.concurrent.atomic.LongAdder();

    private final int iterations;

    public PasswordHash() {
        this(ITERATIONS);
    }

    /** Hashes made from now on use this many iterations (at least {@link #MIN_ITERATIONS}). */
    public PasswordHash(int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 needs at least " + MIN_ITERATIONS + " iterations, not " + iterations);
        }
        this.iterations = iterations;
    }

    public int iterations() {
        return iterations;
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return format(iterations, salt, derive(password, salt, iterations));
    }

    public boolean verify(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        int rounds = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, rounds));
    }

    /** True when the stored hash was made with fewer iterations than this one makes now. */
    public boolean needsUpgrade(String stored) {
        String[] parts = stored.split("\\$");
        return parts.length != 4 || !PREFIX.equals(parts[0]) || Integer.parseInt(parts[1]) < iterations;
    }

    /** Burns the time of one verification, so an unknown username costs as much as a wrong password. */
    public void spendTime(String password) {
        derive(password, new byte[SALT_BYTES], iterations);
    }

    /** How many passwords this process has run through PBKDF2 so far. */
    public static long derivations() {
        return DERIVATIONS.sum();
    }

    private static byte[] derive(String password, byte[] salt, int rounds) {
        DERIVATIONS.increment();
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, KEY_BITS);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }

    private static String format(int rounds, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + rounds + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }
}
