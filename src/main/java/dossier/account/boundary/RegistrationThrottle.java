package dossier.account.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Registrations per client address in an hour ({@code dossier.register.address-limit}), counted in the database
 * so that the limit holds across nodes and restarts. As with failed logins, an attempt is written down and
 * committed before it is counted and before its password is hashed, so attempts sent in parallel cannot all pass;
 * one that is refused for its fields (no account made) is taken back.
 */
@ApplicationScoped
public class RegistrationThrottle {

    public static final Duration WINDOW = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    /** This bean through its CDI proxy: each step commits in a transaction of its own. */
    @Inject
    RegistrationThrottle self;

    @Inject
    @ConfigProperty(name = "dossier.register.address-limit", defaultValue = "5")
    int addressLimit;

    /** One registration attempt, counted; {@code retryAfter} zero when it may go ahead. */
    public record Attempt(String id, Duration retryAfter) {
        public boolean allowed() {
            return retryAfter.isZero();
        }
    }

    /** Records the attempt under the address key, then counts; an attempt over the limit is taken back. */
    public Attempt attempt(Instant now, String addressKey) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        self.record(now, addressKey, id);
        Duration wait = self.retryAfter(now, addressKey);
        if (!wait.isZero()) {
            self.withdraw(id);
        }
        return new Attempt(id, wait);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Instant now, String key, String id) {
        em.createNativeQuery("INSERT INTO registration_attempt (address_key, attempted_ms, attempt) VALUES (?1, ?2, ?3)")
                .setParameter(1, key).setParameter(2, now.toEpochMilli()).setParameter(3, id).executeUpdate();
        em.createNativeQuery("DELETE FROM registration_attempt WHERE attempted_ms <= ?1")
                .setParameter(1, now.minus(WINDOW).toEpochMilli()).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void withdraw(String id) {
        em.createNativeQuery("DELETE FROM registration_attempt WHERE attempt = ?1").setParameter(1, id).executeUpdate();
    }

    /** Zero while the attempts under the key, the one just recorded among them, are within the limit. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Duration retryAfter(Instant now, String key) {
        Object[] row = (Object[]) em.createNativeQuery(
                        "SELECT COUNT(*), MIN(attempted_ms) FROM registration_attempt WHERE address_key = ?1 AND attempted_ms > ?2")
                .setParameter(1, key).setParameter(2, now.minus(WINDOW).toEpochMilli()).getSingleResult();
        long count = ((Number) row[0]).longValue();
        if (count <= addressLimit) {
            return Duration.ZERO;
        }
        Duration until = Duration.between(now, Instant.ofEpochMilli(((Number) row[1]).longValue()).plus(WINDOW));
        return until.isNegative() || until.isZero() ? Duration.ofSeconds(1) : until;
    }
}
