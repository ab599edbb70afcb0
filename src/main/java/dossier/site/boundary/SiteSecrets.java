package dossier.site.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The site's own keys, one per purpose (signing unsubscribe links, sealing the sign-in cookie of OpenID Connect):
 * 32 random bytes generated once and kept in the database ({@code site_secret}), so that every node signs, seals and
 * checks alike and no secret is in the code or the configuration.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SiteSecrets {

    private static final Logger LOG = Logger.getLogger(SiteSecrets.class.getName());

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    /** Through the CDI proxy, so that making a key commits in a transaction of its own. */
    @Inject
    SiteSecrets self;

    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    /** The key of this purpose, made the first time any node asks for it. */
    public byte[] key(String name) {
        byte[] key = known.get(name);
        if (key == null) {
            key = read(name).orElseGet(() -> {
                try {
                    self.make(name);
                } catch (RuntimeException raced) {
                    // Another node made it first: use that one.
                    LOG.fine(() -> "The key '" + name + "' was made elsewhere: " + raced);
                }
                return read(name).orElseThrow(() -> new IllegalStateException("no key '" + name + "' in site_secret"));
            });
            known.put(name, key);
        }
        return key.clone();
    }

    private Optional<byte[]> read(String name) {
        List<?> rows = em.createNativeQuery("SELECT secret FROM site_secret WHERE name = ?1").setParameter(1, name)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(Base64.getUrlDecoder().decode((String) rows.get(0)));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void make(String name) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        em.createNativeQuery("INSERT INTO site_secret (name, secret) VALUES (?1, ?2)").setParameter(1, name)
                .setParameter(2, Base64.getUrlEncoder().withoutPadding().encodeToString(key)).executeUpdate();
        LOG.info(() -> "Made the key '" + name + "' (kept in the database, shared by every node)");
    }
}
