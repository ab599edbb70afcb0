package dossier.account.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Counts failed logins per account and per address in a sliding window: after {@code limit} failures within
 * the window, further attempts are refused until the oldest failure leaves the window. The failures are kept
 * in the database, so the limit holds across every node of a cluster and across restarts.
 *
 * <p>An attempt is written down as a failure <em>before</em> its password is checked, and committed, and only
 * then are the failures counted, its own among them; a success takes it back. So guesses sent in parallel (to one
 * node or to many) cannot all pass the check before any has been counted: of any number sent at once, at most
 * {@code limit} see a count within the limit. Plain inserts and counts, no locks: the same on H2 and PostgreSQL.
 */
@ApplicationScoped
public class LoginThrottle {

    public static final int LIMIT = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Keys longer than this are kept as their SHA-256: the column is bounded, and so is what a client may write. */
    static final int KEY_LENGTH = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    /** This bean through its CDI proxy, so that each step of an attempt runs (and commits) in a transaction of its own. */
    @Inject
    LoginThrottle self;

    /**
     * Failures allowed per address (keys starting with {@code address:}); many readers can share one address
     * behind a proxy, so operators may raise it.
     */
    @Inject
    @ConfigProperty(name = "dossier.login.address-limit", defaultValue = "5")
    int addressLimit;

    /** One login attempt, already counted as a failure under its keys; {@code retryAfter} zero when it may go ahead. */
    public record Attempt(String id, List<String> keys, Duration retryAfter) {
        public boolean allowed() {
            return retryAfter.isZero();
        }
    }

    /** A throttle key of bounded length: the kind, then the value itself, or its SHA-256 when it is long. */
    public static String key(String kind, String value) {
        String v = value == null ? "" : value;
        return kind.length() + v.length() <= KEY_LENGTH ? kind + v : kind + "sha256:" + sha256(v);
    }

    /**
     * Records the attempt as a failure under every key (committed at once, so every node sees it), then counts.
     * When the attempt may not go ahead it is taken back, so waiting out the window is enough.
     */
    public Attempt attempt(Instant now, String... keys) {
        Attempt recorded = newAttempt(keys);
        self.record(now, recorded);
        Duration wait = self.retryAfter(now, keys);
        if (!wait.isZero()) {
            self.withdraw(recorded);
        }
        return new Attempt(recorded.id(), recorded.keys(), wait);
    }

    public static Attempt newAttempt(String... keys) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return new Attempt(HexFormat.of().formatHex(bytes), List.of(keys), Duration.ZERO);
    }

    /** The right password: the account's failures are forgiven, and this attempt no longer counts at its address. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void succeeded(Attempt attempt, String accountKey) {
        em.createNativeQuery("DELETE FROM login_failure WHERE throttle_key = ?1").setParameter(1, accountKey).executeUpdate();
        em.createNativeQuery("DELETE FROM login_failure WHERE attempt = ?1").setParameter(1, attempt.id()).executeUpdate();
    }

    /** The account's failed logins are forgiven (its password was just set anew), in the caller's transaction. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void forgive(String accountKey) {
        em.createNativeQuery("DELETE FROM login_failure WHERE throttle_key = ?1").setParameter(1, accountKey).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Instant now, Attempt attempt) {
        for (String key : attempt.keys()) {
            em.createNativeQuery("INSERT INTO login_failure (throttle_key, failed_ms, attempt) VALUES (?1, ?2, ?3)")
                    .setParameter(1, key).setParameter(2, now.toEpochMilli()).setParameter(3, attempt.id()).executeUpdate();
        }
        // Old failures count for nothing: they go as new ones come.
        em.createNativeQuery("DELETE FROM login_failure WHERE failed_ms <= ?1")
                .setParameter(1, now.minus(WINDOW).toEpochMilli()).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void withdraw(Attempt attempt) {
        em.createNativeQuery("DELETE FROM login_failure WHERE attempt = ?1").setParameter(1, attempt.id()).executeUpdate();
    }

    /**
     * Zero when an attempt already recorded under these keys may go ahead, else how long the caller must wait:
     * the recorded attempt is one of the failures counted, so the limit is exceeded, not reached.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Duration retryAfter(Instant now, String... keys) {
        long horizon = now.minus(WINDOW).toEpochMilli();
        Duration wait = Duration.ZERO;
        for (String key : keys) {
            Object[] row = (Object[]) em.createNativeQuery(
                            "SELECT COUNT(*), MIN(failed_ms) FROM login_failure WHERE throttle_key = ?1 AND failed_ms > ?2")
                    .setParameter(1, key).setParameter(2, horizon).getSingleResult();
            long count = ((Number) row[0]).longValue();
            if (count > (key.startsWith("address:") ? addressLimit : LIMIT)) {
                Duration until = Duration.between(now, Instant.ofEpochMilli(((Number) row[1]).longValue()).plus(WINDOW));
                if (until.compareTo(wait) > 0) {
                    wait = until;
                }
            }
        }
        return wait;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
