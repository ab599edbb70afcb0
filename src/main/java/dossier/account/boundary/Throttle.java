package dossier.account.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Limits on requests that cost something whoever sends them (a registration, a forgotten-password mail), counted
 * in the database so that they hold across nodes and restarts. As with failed logins ({@link LoginThrottle}), an
 * attempt is written down and committed under each of its keys before it is counted and before any of its work is
 * done, so attempts sent in parallel cannot all pass; one that is refused is taken back, so waiting is enough, and
 * the caller may take back one that turned out to cost nothing.
 */
@ApplicationScoped
public class Throttle {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    /** This bean through its CDI proxy: each step commits in a transaction of its own. */
    @Inject
    Throttle self;

    /**
     * At most {@code max} attempts under {@code key} within {@code window}; {@code scope} names what is counted
     * (at most 16 characters) and {@code key} whom (at most 100, see {@link LoginThrottle#key}).
     */
    public record Limit(String scope, String key, int max, Duration window) {
    }

    /** One attempt, counted under every limit; {@code retryAfter} zero when it may go ahead. */
    public record Attempt(String id, Duration retryAfter) {
        public boolean allowed() {
            return retryAfter.isZero();
        }
    }

    /** Records the attempt under every limit, then counts; an attempt over any limit is taken back. */
    public Attempt attempt(Instant now, Limit... limits) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        self.record(now, id, List.of(limits));
        Duration wait = self.retryAfter(now, List.of(limits));
        if (!wait.isZero()) {
            self.withdraw(id);
        }
        return new Attempt(id, wait);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Instant now, String id, List<Limit> limits) {
        for (Limit limit : limits) {
            em.createNativeQuery("INSERT INTO throttle_attempt (scope, throttle_key, attempted_ms, attempt) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, limit.scope()).setParameter(2, limit.key()).setParameter(3, now.toEpochMilli())
                    .setParameter(4, id).executeUpdate();
            // Old attempts count for nothing: they go as new ones come.
            em.createNativeQuery("DELETE FROM throttle_attempt WHERE scope = ?1 AND attempted_ms <= ?2")
                    .setParameter(1, limit.scope()).setParameter(2, now.minus(limit.window()).toEpochMilli()).executeUpdate();
        }
    }

    /** Takes an attempt back under every key it was counted under. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void withdraw(String id) {
        em.createNativeQuery("DELETE FROM throttle_attempt WHERE attempt = ?1").setParameter(1, id).executeUpdate();
    }

    /**
     * Zero while the attempts under every key, the one just recorded among them, are within their limits; else the
     * longest wait until the oldest of them leaves its window.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Duration retryAfter(Instant now, List<Limit> limits) {
        Duration wait = Duration.ZERO;
        for (Limit limit : limits) {
            Object[] row = (Object[]) em.createNativeQuery("""
                            SELECT COUNT(*), MIN(attempted_ms) FROM throttle_attempt
                            WHERE scope = ?1 AND throttle_key = ?2 AND attempted_ms > ?3""")
                    .setParameter(1, limit.scope()).setParameter(2, limit.key())
                    .setParameter(3, now.minus(limit.window()).toEpochMilli()).getSingleResult();
            if (((Number) row[0]).longValue() > limit.max()) {
                Duration until = Duration.between(now, Instant.ofEpochMilli(((Number) row[1]).longValue()).plus(limit.window()));
                Duration atLeast = until.isNegative() || until.isZero() ? Duration.ofSeconds(1) : until;
                if (atLeast.compareTo(wait) > 0) {
                    wait = atLeast;
                }
            }
        }
        return wait;
    }
}
