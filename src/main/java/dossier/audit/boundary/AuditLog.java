package dossier.audit.boundary;

import dossier.audit.entity.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/** Records moderation and editorial actions in the transaction of the action itself: no action without its line. */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String target, String detail) {
        em.persist(new AuditEntry(actor, action, target, detail, Instant.now()));
        LOG.info(() -> "Audit: " + actor + " " + action + " " + target);
    }

    /** Entries newest first, from {@code offset}; with a target, only the lines about it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> page(int offset, int limit, String target) {
        if (target == null) {
            return em.createNamedQuery(AuditEntry.RECENT, AuditEntry.class).setFirstResult(offset).setMaxResults(limit)
                    .getResultList();
        }
        return em.createQuery("select e from AuditEntry e where e.target = :t order by e.at desc, e.id desc", AuditEntry.class)
                .setParameter("t", target).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> recent(int limit) {
        return em.createNamedQuery(AuditEntry.RECENT, AuditEntry.class).setMaxResults(limit).getResultList();
    }
}
