package dossier.account.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts failed logins per account and per address in a sliding window: after {@code limit} failures within
 * the window, further attempts are refused until the oldest failure leaves the window. The failures are kept
 * in the database, so the limit holds across every node of a cluster and across restarts.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class LoginThrottle {

    public static final int LIMIT = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    /**
     * Failures allowed per address (keys starting with {@code address:}); many readers can share one address
     * behind a proxy, so operators may raise it.
     */
    @Inject
    @ConfigProperty(name = "dossier.login.address-limit", defaultValue = "5")
    int addressLimit;

    /** Zero when the attempt may go ahead, else how long the caller must wait. */
    public Duration retryAfter(Instant now, String... keys) {
        long horizon = now.minus(WINDOW).toEpochMilli();
        Duration wait = Duration.ZERO;
        for (String key : keys) {
            Object[] row = (Object[]) em.createNativeQuery(
                            "SELECT COUNT(*), MIN(failed_ms) FROM login_failure WHERE throttle_key = ?1 AND failed_ms > ?2")
                    .setParameter(1, key).setParameter(2, horizon).getSingleResult();
            long count = ((Number) row[0]).longValue();
            if (count >= (key.startsWith("address:") ? addressLimit : LIMIT)) {
                Duration until = Duration.between(now, Instant.ofEpochMilli(((Number) row[1]).longValue()).plus(WINDOW));
                if (until.compareTo(wait) > 0) {
                    wait = until;
                }
            }
        }
        return wait;
    }

    public void failed(Instant now, String... keys) {
        for (String key : keys) {
            em.createNativeQuery("INSERT INTO login_failure (throttle_key, failed_ms) VALUES (?1, ?2)")
                    .setParameter(1, key).setParameter(2, now.toEpochMilli()).executeUpdate();
        }
        // Old failures count for nothing: they go as new ones come.
        em.createNativeQuery("DELETE FROM login_failure WHERE failed_ms <= ?1")
                .setParameter(1, now.minus(WINDOW).toEpochMilli()).executeUpdate();
    }

    public void succeeded(String accountKey) {
        em.createNativeQuery("DELETE FROM login_failure WHERE throttle_key = ?1").setParameter(1, accountKey).executeUpdate();
    }
}
