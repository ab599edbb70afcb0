package dossier.audit.boundary;

import jakarta.persistence.EntityManager;

/** An audit log on a given entity manager, for tests outside the container. */
public final class AuditLogs {

    private AuditLogs() {
    }

    public static AuditLog on(EntityManager em) {
        AuditLog log = new AuditLog();
        log.em = em;
        return log;
    }
}
