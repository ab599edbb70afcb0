package dossier.account.boundary;

import dossier.account.control.GroupRoles;
import dossier.account.control.PasswordHash;
import dossier.account.control.VerifiedIdentity;
import dossier.account.entity.Account;
import dossier.account.entity.AccountDeleted;
import dossier.audit.boundary.AuditLogs;
import dossier.mail.boundary.Outboxes;
import dossier.mail.control.MailSettings;
import dossier.testing.BothDatabases;
import dossier.testing.BothDatabases.Database;
import dossier.testing.Events;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accounts behind outside identities, on H2 and PostgreSQL through the migrations: the first sign-in makes an
 * account with a unique name, roles follow the groups at every sign-in, a banned account stays out, and an address
 * never hands over an account: a verified one offers a link against the account's password, an unchecked one is
 * left off the new account.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalIdentitiesTest {

    private static final String PASSWORD = "a-long-enough-password";
    private static final GroupRoles ROLES = GroupRoles.of("Editors", "admins");
    private BothDatabases databases;

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

    private record Beans(Accounts accounts, ExternalIdentities identities) {}

    private <T> T inTransaction(Database db, Function<Beans, T> work) {
        EntityManager em = db.emf().createEntityManager();
        try {
            em.getTransaction().begin();
            Accounts accounts = new Accounts();
            accounts.em = em;
            accounts.audit = AuditLogs.on(em);
            EmailVerifications verifications = new EmailVerifications();
            verifications.em = em;
            verifications.outbox = Outboxes.on(em, new MailSettings(null, 25, "d@example.org", false, "https://dossier.example"));
            verifications.requireVerifiedEmail = Optional.of(false);
            accounts.verifications = verifications;
            accounts.deleted = new Events<AccountDeleted>();
            accounts.hashWith(PasswordHash.MIN_ITERATIONS);
            ExternalIdentities cut = new ExternalIdentities();
            cut.em = em;
            cut.accounts = accounts;
            cut.audit = accounts.audit;
            cut.verifications = verifications;
            T result = work.apply(new Beans(accounts, cut));
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private ExternalIdentities.Resolution signIn(Database db, VerifiedIdentity identity) {
        return inTransaction(db, b -> b.identities().resolve(identity, ROLES, "/articles/x", Instant.now()));
    }

    private Account account(Database db, String username) {
        return inTransaction(db, b -> b.accounts().byUsername(username)).orElseThrow();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static VerifiedIdentity person(String subject, String username, String email, boolean verified, String... groups) {
        return new VerifiedIdentity("ldap", subject, username, "Ada Lovelace", email, verified, Set.of(groups));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theFirstSignInMakesAnAccountWithAUniqueNameAndLaterOnesFindIt(Database db) {
        String name = unique("Jane.Doe");
        String taken = Account.usernameFrom(name);
        inTransaction(db, b -> b.accounts().register(taken, taken + "@example.org", PASSWORD));

        var first = assertInstanceOf(ExternalIdentities.Resolution.SignIn.class,
                signIn(db, person("uid=" + name, name, name + "@corp.example", true)));
        assertEquals(taken + "-2", first.username(), "the name a local account has is made unique");
        Account made = account(db, first.username());
        assertEquals(name + "@corp.example", made.email());
        assertTrue(made.isEmailVerified(), "the provider checked the address");
        assertEquals("Ada Lovelace", made.displayName());
        assertTrue(inTransaction(db, b -> b.accounts().verify(first.username(), "!")).isEmpty(), "no local password opens it");

        var again = assertInstanceOf(ExternalIdentities.Resolution.SignIn.class,
                signIn(db, person("uid=" + name, "someone-else", "other@corp.example", true)));
        assertEquals(first.username(), again.username(), "the subject, not the name or address, finds the account");
        assertEquals("jane-doe", Account.usernameFrom("Jane.Doe"));
        assertEquals("jose", Account.usernameFrom("José@corp.example"));
        assertEquals("user", Account.usernameFrom("***"));
        assertTrue(Account.isValidUsername(Account.usernameFrom("x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void rolesFollowTheGroupsAtEverySignIn(Database db) {
        String other = unique("adm");
        inTransaction(db, b -> { b.accounts().register(other, other + "@example.org", PASSWORD).grant(Account.ADMIN); return null; });
        String name = unique("grp");
        String username = ((ExternalIdentities.Resolution.SignIn) signIn(db, person(name, name, "", false, "EDITORS"))).username();
        assertTrue(account(db, username).isEditor(), "group names are compared without regard to case");
        assertFalse(account(db, username).isAdmin());

        signIn(db, person(name, name, "", false, "admins", "staff"));
        assertTrue(account(db, username).isAdmin());
        assertFalse(account(db, username).roles().contains(Account.EDITOR), "left the editors' group");

        signIn(db, person(name, name, "", false, "staff"));
        Account reader = account(db, username);
        assertFalse(reader.isEditor(), "left every group: a reader again (another administrator remains)");
        assertEquals(Set.of(Account.READER), reader.roles());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBannedAccountStaysOutWhateverTheGroupsSay(Database db) {
        String name = unique("ban");
        String username = ((ExternalIdentities.Resolution.SignIn) signIn(db, person(name, name, "", false))).username();
        inTransaction(db, b -> {
            b.accounts().byUsername(username).orElseThrow().ban();
            return null;
        });
        var refused = assertInstanceOf(ExternalIdentities.Resolution.Refused.class, signIn(db, person(name, name, "", false, "editors", "admins")));
        assertTrue(refused.message().contains("banned"), refused.message());
        Account still = account(db, username);
        assertTrue(still.isBanned());
        assertFalse(still.isEditor(), "no role from the groups");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aVerifiedAddressOfALocalAccountOffersALinkAndNeverTakesItOver(Database db) {
        String local = unique("loc");
        String email = local + "@Example.org";
        inTransaction(db, b -> b.accounts().register(local, email, PASSWORD));
        String subject = unique("sub");

        var offered = assertInstanceOf(ExternalIdentities.Resolution.LinkOffered.class,
                signIn(db, person(subject, local, email.toUpperCase(), true, "editors")));
        assertEquals(local, offered.username());
        assertFalse(account(db, local).isEditor(), "nothing changes before the password is given");
        assertTrue(inTransaction(db, b -> b.accounts().byUsername(local + "-2")).isEmpty(), "no second account");
        var offer = inTransaction(db, b -> b.identities().offer(offered.token(), Instant.now())).orElseThrow();
        assertEquals(new ExternalIdentities.Offer(local, "ldap", "/articles/x"), offer);
        assertTrue(inTransaction(db, b -> b.identities().offer(offered.token(), Instant.now().plus(ExternalIdentities.OFFER_VALID))).isEmpty(),
                "the offer ends");

        assertEquals(Optional.of(local), inTransaction(db, b -> b.identities().link(offered.token(), Instant.now())));
        assertTrue(account(db, local).isEditor(), "the groups at the offer apply");
        assertEquals(Optional.empty(), inTransaction(db, b -> b.identities().link(offered.token(), Instant.now())), "used once");
        var next = assertInstanceOf(ExternalIdentities.Resolution.SignIn.class, signIn(db, person(subject, "x", email, true)));
        assertEquals(local, next.username(), "linked: the next sign-in goes straight to the account");
        assertFalse(account(db, local).isEditor(), "and its groups rule its roles");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUncheckedAddressOfALocalAccountIsLeftOffTheNewAccount(Database db) {
        String local = unique("loc");
        String email = local + "@example.org";
        inTransaction(db, b -> b.accounts().register(local, email, PASSWORD));

        var made = assertInstanceOf(ExternalIdentities.Resolution.SignIn.class, signIn(db, person(unique("sub"), local, email, false)));
        assertEquals(local + "-2", made.username());
        assertEquals("", account(db, made.username()).email(), "no second account with that address");
        assertEquals(email, account(db, local).email());
        assertTrue(inTransaction(db, b -> b.accounts().verify(local, PASSWORD)).isPresent(), "the local account is as it was");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDeletedAccountsIdentityMakesANewAccount(Database db) {
        String name = unique("del");
        String username = ((ExternalIdentities.Resolution.SignIn) signIn(db, person(name, name, "", false))).username();
        inTransaction(db, b -> {
            b.accounts().deleteAccount(b.accounts().byUsername(username).orElseThrow(), false, "chief");
            return null;
        });
        var again = assertInstanceOf(ExternalIdentities.Resolution.SignIn.class, signIn(db, person(name, name, "", false)));
        assertEquals(username, again.username(), "a new account (the old name is free again)");
        assertFalse(account(db, again.username()).isDeleted());
    }
}
