package dossier.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import java.util.function.Function;
import java.util.function.Supplier;

/** Resource-local transactions for the persistence tests, which run the beans without a server: commit, or roll back. */
public final class Transactions {

    private Transactions() {
    }

    /** The work in one transaction of this entity manager, committed when it returns, rolled back when it throws. */
    public static <T> T inTransaction(EntityManager em, Supplier<T> work) {
        em.getTransaction().begin();
        try {
            T result = work.get();
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
        }
    }

    /** As {@link #inTransaction}, then the entity manager forgets what it loaded, so the next read is the database's. */
    public static <T> T inTransactionThenClear(EntityManager em, Supplier<T> work) {
        try {
            return inTransaction(em, work);
        } finally {
            em.clear();
        }
    }

    /** The work in one transaction of an entity manager of its own, closed afterwards. */
    public static <T> T inNewEntityManager(EntityManagerFactory emf, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            return inTransaction(em, () -> work.apply(em));
        } finally {
            em.close();
        }
    }
}
