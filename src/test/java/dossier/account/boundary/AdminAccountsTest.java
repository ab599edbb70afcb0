package dossier.account.boundary;

import dossier.account.control.PasswordHash;
import dossier.account.entity.Account;
import dossier.account.entity.AccountDeleted;
import dossier.audit.boundary.AuditLogs;
import dossier.mail.boundary.Outboxes;
import dossier.mail.control.MailSettings;
import dossier.testing.BothDatabases;
import dossier.testing.BothDatabases.Database;
import dossier.testing.Events;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.ClientErrorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What administrators do to accounts (/admin/users), on H2 and PostgreSQL through the migrations: finding accounts
 * by a prefix (the prefix taken literally), the last administrator keeping the role, deleting an account.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminAccountsTest {

    private static final String PASSWORD = "a-long-enough-password";
    private BothDatabases databases;
    private final Events<AccountDeleted> deleted = new Events<>();

    @BeforeAll
    void start() throws Exception {
        databases = BothDatabases.start();
    }

    @AfterAll
    void stop() throws Exception {
        databases.close();
    }

    Stream<Database> databases() {
        return databases.stream();
    }

    private <T> T inTransaction(Database db, Function<Accounts, T> work) {
        EntityManager em = db.emf().createEntityManager();
        try {
            em.getTransaction().begin();
            Accounts cut = new Accounts();
            cut.em = em;
            cut.audit = AuditLogs.on(em);
            EmailVerifications verifications = new EmailVerifications();
            verifications.em = em;
            verifications.outbox = Outboxes.on(em, new MailSettings(null, 25, "d@example.org", false, "https://dossier.example"));
            verifications.requireVerifiedEmail = Optional.of(false);
            cut.verifications = verifications;
            cut.deleted = deleted;
            cut.hashWith(PasswordHash.MIN_ITERATIONS);
            T result = work.apply(cut);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private Account register(Database db, String name) {
        return inTransaction(db, a -> a.register(name, name + "@example.org", PASSWORD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void accountsAreFoundByTheStartOfTheirNameOrAddressTakenLiterally(Database db) {
        String stem = unique("find");
        register(db, stem + "_one");
        register(db, stem + "xone");
        inTransaction(db, a -> a.register(stem + "-two", "Mixed." + stem + "@Example.org", PASSWORD));

        List<String> all = inTransaction(db, a -> a.search(stem, 0)).stream().map(Account::username).toList();
        assertEquals(List.of(stem + "-two", stem + "_one", stem + "xone"), all);
        assertEquals(List.of(stem + "_one"), inTransaction(db, a -> a.search(stem + "_", 0)).stream().map(Account::username).toList(),
                "'_' is a letter here, not any letter");
        assertEquals(List.of(), inTransaction(db, a -> a.search(stem + "%", 0)), "'%' is a letter here");
        assertEquals(List.of(stem + "-two"), inTransaction(db, a -> a.search("MIXED." + stem, 0)).stream().map(Account::username).toList(),
                "by address, case ignored");
        assertEquals(List.of(), inTransaction(db, a -> a.search(stem, 3)), "past the end");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theLastAdministratorKeepsTheRoleAndOthersComeAndGo(Database db) {
        String first = unique("adm");
        Account admin = inTransaction(db, a -> {
            Account x = a.register(first, first + "@example.org", PASSWORD);
            x.grant(Account.ADMIN);
            return x;
        });
        // Other tests of this database may have made administrators: take theirs back first, as they would.
        for (String other : inTransaction(db, a -> a.search("", 0)).stream().filter(Account::isAdmin)
                .map(Account::username).filter(n -> !n.equals(first)).toList()) {
            inTransaction(db, a -> { a.setRole(admin, other, Account.ADMIN, false); return null; });
        }
        ClientErrorException last = assertThrows(ClientErrorException.class,
                () -> inTransaction(db, a -> { a.setRole(admin, first, Account.ADMIN, false); return null; }));
        assertEquals(409, last.getResponse().getStatus());
        assertTrue(last.getMessage().contains("last administrator"), last.getMessage());
        assertEquals(409, assertThrows(Accounts.ChangeRefused.class, () -> inTransaction(db, a -> {
            a.deleteAccount(a.byUsername(first).orElseThrow(), false, first);
            return null;
        }), "nor is the last one deleted").status());

        String second = unique("adm");
        register(db, second);
        inTransaction(db, a -> { a.setRole(admin, second, Account.ADMIN, true); return null; });
        assertTrue(inTransaction(db, a -> a.byUsername(second)).orElseThrow().isAdmin());
        inTransaction(db, a -> { a.setRole(admin, first, Account.ADMIN, false); return null; });
        assertFalse(inTransaction(db, a -> a.byUsername(first)).orElseThrow().isAdmin(), "with another one, it may go");
        assertEquals(409, assertThrows(ClientErrorException.class, () -> inTransaction(db, a -> {
            a.setRole(admin, second, Account.EDITOR, false);
            return null;
        })).getResponse().getStatus(), "an administrator is an editor already");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDeletedAccountKeepsItsRowButNothingThatNamesOrLetsInItsOwner(Database db) {
        String name = unique("del");
        Account reader = register(db, name);
        inTransaction(db, a -> { a.deleteAccount(reader, true, "chief"); return null; });

        assertTrue(inTransaction(db, a -> a.byUsername(name)).isEmpty(), "the name is free again");
        assertTrue(inTransaction(db, a -> a.verify(name, PASSWORD)).isEmpty(), "nobody logs in with it");
        assertEquals(new AccountDeleted(reader.id(), true), deleted.fired.get(deleted.fired.size() - 1));
        Account tombstone = databases.stream().filter(d -> d == db).findFirst().orElseThrow().emf().createEntityManager()
                .find(Account.class, reader.id());
        assertTrue(tombstone.isDeleted());
        assertEquals("", tombstone.email());
        assertTrue(tombstone.roles().isEmpty());
        assertFalse(tombstone.acceptsSessionFrom(Instant.now().toEpochMilli() - 1_000), "its sessions ended");
        assertEquals(List.of(), inTransaction(db, a -> a.search(name, 0)), "not listed");
        register(db, name); // and someone else may take the name
    }
}
