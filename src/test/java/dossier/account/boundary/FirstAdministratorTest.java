package dossier.account.boundary;

import dossier.account.entity.Account;
import dossier.audit.boundary.AuditLogs;
import dossier.testing.Databases;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configured first administrator, against a real (in-memory H2) database. */
class FirstAdministratorTest {

    private EntityManagerFactory emf;
    private EntityManager em;
    private Accounts cut;

    @BeforeEach
    void open() {
        emf = Databases.open(Databases.freshH2());
        em = emf.createEntityManager();
        cut = new Accounts();
        cut.em = em;
        cut.audit = AuditLogs.on(em);
        cut.baseUrl = "http://localhost:8080";
        cut.hashWith(dossier.account.control.PasswordHash.MIN_ITERATIONS); // as the test servers do
    }

    @AfterEach
    void close() {
        em.close();
        emf.close();
    }

    private void start(String username, String password) {
        cut.adminUsername = Optional.of(username);
        cut.adminPassword = Optional.of(password);
        em.getTransaction().begin();
        cut.firstAdmin(new Object());
        em.getTransaction().commit();
        em.clear();
    }

    @Test
    void aReaderWhoTookTheConfiguredNameIsNotMadeAdministrator() {
        em.getTransaction().begin();
        em.persist(new Account("chief", "mallory@example.org", "reader-chosen-hash", Instant.now()));
        em.getTransaction().commit();

        start("chief", "the-operators-secret-42");

        Account chief = cut.byUsername("chief").orElseThrow();
        assertFalse(chief.isAdmin(), "a reader holding the name must not become administrator");
        assertFalse(chief.isEditor());
    }

    @Test
    void theConfiguredAdministratorIsCreatedWhenNobodyHoldsTheName() {
        start("chief", "the-operators-secret-42");
        Account chief = cut.byUsername("chief").orElseThrow();
        assertTrue(chief.isAdmin());
        assertTrue(chief.isEditor());
        start("chief", "the-operators-secret-42");
        assertTrue(cut.byUsername("chief").orElseThrow().isAdmin(), "a second start leaves it administrator");
    }
}
