package dossier.account.boundary;

import dossier.account.entity.Account;
import dossier.account.entity.ApiToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Personal API tokens: made with a name, shown once, stored as a hash, listed, revoked. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ApiTokens {

    public static final String PREFIX = "dos_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How stale "last used" may be: a script calling every second must not write every second. */
    private static final Duration USE_RESOLUTION = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    /** The new token in clear: the only time it exists outside the caller's hands. */
    @Transactional(Transactional.TxType.REQUIRED)
    public String create(Account owner, String name) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw new BadRequestException("Give the token a name of 1 to 100 characters, such as 'backup script'.");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        em.persist(new ApiToken(em.find(Account.class, owner.id()), label, hash(token), Instant.now()));
        return token;
    }

    public List<ApiToken> of(Account owner) {
        return em.createNamedQuery(ApiToken.OF_ACCOUNT, ApiToken.class).setParameter("account", owner).getResultList();
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void revoke(Account owner, long id) {
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null || !token.account().id().equals(owner.id())) {
            throw new NotFoundException();
        }
        em.remove(token);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<Account> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class).setParameter("hash", hash(token))
                .getResultList().stream().findFirst().map(t -> {
                    Instant now = Instant.now();
                    if (t.lastUsedAt() == null || t.lastUsedAt().plus(USE_RESOLUTION).isBefore(now)) {
                        t.used(now);
                    }
                    return t.account();
                });
    }

    static String hash(String token) {
        return dossier.account.control.SingleUseTokens.sha256(token);
    }
}
