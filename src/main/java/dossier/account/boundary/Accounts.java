package dossier.account.boundary;

import dossier.account.control.PasswordHash;
import dossier.account.control.PasswordPolicy;
import dossier.account.entity.Account;
import dossier.audit.boundary.AuditLog;
import dossier.site.control.DatabaseSchema;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.logging.Logger;

/** Accounts: registration, look-up, password checks, bans, and the first administrator. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class.getName());
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]{2,}");

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "dossier.admin.username")
    Optional<String> adminUsername;

    @Inject
    @ConfigProperty(name = "dossier.admin.password")
    Optional<String> adminPassword;

    @Inject
    AuditLog audit;

    @Inject
    EmailVerifications verifications;

    @Inject
    Throttle throttle;

    @Inject
    jakarta.enterprise.event.Event<dossier.account.entity.AccountDeleted> deleted;

    /** Registrations per client address in an hour, counted in the database ({@link Throttle}). */
    @Inject
    @ConfigProperty(name = "dossier.register.address-limit", defaultValue = "5")
    int registerLimit;

    /** What no password verifies against: the password of a deleted account. */
    static final String UNUSABLE_HASH = "deleted";
    /** Accounts per page of {@link #search}. */
    public static final int PAGE = 50;

    private PasswordHash hashes = new PasswordHash();
    private final PasswordPolicy policy = new PasswordPolicy();

    /**
     * The work factor of new hashes: OWASP's figure unless set lower, which only a test server should be (its
     * tests log in hundreds of times). Existing hashes keep verifying with the iterations they recorded.
     */
    @Inject
    void hashWith(@ConfigProperty(name = "dossier.password.iterations", defaultValue = "600000") int iterations) {
        hashes = new PasswordHash(iterations);
        if (iterations < PasswordHash.ITERATIONS) {
            LOG.warning(() -> "Passwords are hashed with " + iterations + " PBKDF2 iterations, fewer than "
                    + PasswordHash.ITERATIONS + ": dossier.password.iterations is meant for test servers only");
        }
    }

    /** A new password's hash, with the configured work factor (outside any transaction: it takes a while). */
    String hash(String password) {
        return hashes.hash(password);
    }

    /** Thrown with one message per form field that is wrong. */
    public static class RegistrationRefused extends RuntimeException {
        private final Map<String, String> problems;

        public RegistrationRefused(Map<String, String> problems) {
            super(String.join(" ", problems.values()));
            this.problems = problems;
        }

        public Map<String, String> problems() {
            return problems;
        }
    }

    /** Thrown when the client's address made too many registrations in the last hour: nothing was checked or hashed. */
    public static class RegistrationLimited extends RuntimeException {
        private final java.time.Duration retryAfter;

        public RegistrationLimited(java.time.Duration retryAfter) {
            super("Too many registrations from this address");
            this.retryAfter = retryAfter;
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }

    public Optional<Account> byUsername(String username) {
        return em.createNamedQuery(Account.BY_USERNAME, Account.class)
                .setParameter("username", Account.normalize(username))
                .getResultList().stream().findFirst();
    }

    /**
     * A registration from a client address ({@code addressKey}): counted against the address's hourly limit
     * first, and refused before any field is checked or the password hashed when over it.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Account register(String username, String email, String password, String addressKey) {
        Throttle.Attempt attempt = throttle.attempt(Instant.now(),
                new Throttle.Limit("register", addressKey, registerLimit, java.time.Duration.ofHours(1)));
        if (!attempt.allowed()) {
            throw new RegistrationLimited(attempt.retryAfter());
        }
        try {
            return register(username, email, password);
        } catch (RegistrationRefused refused) {
            throttle.withdraw(attempt.id()); // no account made: a corrected form is no second registration
            throw refused;
        }
    }

    /** Makes the account and, in the same transaction, puts the link that confirms its address in the outbox. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Account register(String username, String email, String password) {
        return create(username, email, password);
    }

    /** {@link #register}, within the caller's transaction. */
    private Account create(String username, String email, String password) {
        String name = Account.normalize(username);
        Map<String, String> problems = new LinkedHashMap<>();
        if (!Account.isValidUsername(name)) {
            problems.put("username", "A username has 3 to 32 characters: letters a–z, digits, '_' and '-'.");
        } else if (byUsername(name).isPresent()) {
            problems.put("username", "This username is taken; choose another.");
        }
        if (email == null || email.length() > 254 || !EMAIL.matcher(email.strip()).matches()
                || !dossier.mail.control.Addresses.valid(email.strip())) {
            problems.put("email", "Enter an e-mail address such as name@example.org.");
        }
        policy.problem(password, name).ifPresent(p -> problems.put("password", p));
        if (!problems.isEmpty()) {
            throw new RegistrationRefused(problems);
        }
        Instant now = Instant.now();
        Account account = new Account(name, email, hashes.hash(password), now);
        em.persist(account);
        em.flush();
        verifications.send(account, now);
        return account;
    }

    /** The account when the password is right and the account exists; the same time is spent either way. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<Account> verify(String username, String password) {
        Optional<Account> found = byUsername(username);
        if (found.isEmpty() || password == null) {
            hashes.spendTime(password == null ? "" : password);
            return Optional.empty();
        }
        Account account = found.get();
        if (!hashes.verify(password, account.passwordHash())) {
            return Optional.empty();
        }
        if (hashes.needsUpgrade(account.passwordHash())) {
            account.changePasswordHash(hashes.hash(password));
        }
        return Optional.of(account);
    }

    /** Whether the one-time setup link with this token may still create the first administrator. */
    public boolean setupOpen(String token) {
        String expected = setupToken;
        return expected != null && token != null
                && java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Account createFirstAdmin(String token, String username, String email, String password) {
        if (!setupOpen(token)) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        Account admin = create(username, email, password);
        admin.grant(Account.EDITOR);
        admin.grant(Account.ADMIN);
        setupToken = null;
        LOG.info(() -> "First administrator '" + admin.username() + "' created through the setup link");
        return admin;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void setBanned(Account moderator, String username, boolean banned) {
        Account account = byUsername(username).orElseThrow(jakarta.ws.rs.NotFoundException::new);
        if (account.isEditor()) {
            throw new jakarta.ws.rs.ForbiddenException("Editors and administrators cannot be banned.");
        }
        if (banned) {
            account.ban();
        } else {
            account.unban();
        }
        audit.record(moderator.username(), banned ? "account.ban" : "account.unban", "account " + account.username(), null);
    }

    /** Ends every session of the account, on every node: the next request of each finds it over. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void endSessions(Account account) {
        em.find(Account.class, account.id()).endSessions(Instant.now());
        audit.record(account.username(), "account.logout-everywhere", "account " + account.username(), null);
        LOG.info(() -> "All sessions of '" + account.username() + "' ended at their request");
    }

    /** An administrator makes a reader an editor (who writes, publishes and moderates), or takes the role back. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void setEditor(Account admin, String username, boolean editor) {
        setRole(admin, username, Account.EDITOR, editor);
    }

    /**
     * An administrator gives or takes back the editor or the administrator role. An administrator is an editor
     * already (taking that role from one means nothing, 409), and the last administrator keeps the role (409): the
     * administrators' rows are locked while they are counted, so two who take it from each other at once cannot
     * leave the site with none. A new editor's ban is lifted.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void setRole(Account admin, String username, String role, boolean grant) {
        if (!Account.EDITOR.equals(role) && !Account.ADMIN.equals(role)) {
            throw new jakarta.ws.rs.BadRequestException("Only the editor and the administrator roles are given here.");
        }
        Account account = byUsername(username).filter(a -> !a.isDeleted()).orElseThrow(jakarta.ws.rs.NotFoundException::new);
        if (Account.EDITOR.equals(role) && account.isAdmin()) {
            throw new jakarta.ws.rs.ClientErrorException("An administrator is an editor already.", 409);
        }
        if (Account.ADMIN.equals(role) && !grant && account.isAdmin() && lockedAdministrators() <= 1) {
            throw new jakarta.ws.rs.ClientErrorException(
                    "@" + account.username() + " is the last administrator: make someone else one first.", 409);
        }
        if (grant) {
            account.grant(role);
            account.unban();
        } else {
            account.revoke(role);
        }
        audit.record(admin.username(), (grant ? "account.grant-" : "account.revoke-") + role, "account " + account.username(), null);
    }

    /** How many administrators there are, their rows locked until the transaction ends. */
    private int lockedAdministrators() {
        return em.createNativeQuery("""
                        SELECT a.id FROM account a JOIN account_role r ON r.account_id = a.id WHERE r.role = ?1 FOR UPDATE""")
                .setParameter(1, Account.ADMIN).getResultList().size();
    }

    /**
     * Deletes an account, by its owner or an administrator ({@code actor}): the row stays as a tombstone so that
     * threads keep their shape ({@link Account#delete}); its tokens and links go; its comments stay, shown as
     * {@link Account#DELETED_NAME}, or are removed with it ({@code removeComments}, done by the comment component in
     * this transaction through {@link dossier.account.entity.AccountDeleted}). The last administrator is not deleted.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void deleteAccount(Account account, boolean removeComments, String actor) {
        Account target = em.find(Account.class, account.id(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (target == null || target.isDeleted()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        if (target.isAdmin() && lockedAdministrators() <= 1) {
            throw new jakarta.ws.rs.ClientErrorException(
                    "@" + target.username() + " is the last administrator: make someone else one first.", 409);
        }
        String name = target.username();
        for (String table : java.util.List.of("api_token", "email_verification", "password_reset")) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE account_id = ?1").setParameter(1, target.id()).executeUpdate();
        }
        target.delete(UNUSABLE_HASH, Instant.now());
        deleted.fire(new dossier.account.entity.AccountDeleted(target.id(), removeComments));
        audit.record(actor, "account.delete", "account " + name, removeComments ? "comments removed" : "comments kept");
        LOG.info(() -> "Account '" + name + "' deleted by '" + actor + "'");
    }

    /** A successful login with the password: when, for administrators. A plain update, so no version conflict. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void loggedIn(String username, Instant now) {
        em.createNativeQuery("UPDATE account SET last_login_at = ?1 WHERE username = ?2")
                .setParameter(1, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
                .setParameter(2, Account.normalize(username)).executeUpdate();
    }

    /**
     * Accounts whose username or e-mail address starts with {@code prefix} (case ignored; every account for an
     * empty one), by username, a page of {@link #PAGE} from {@code offset}, with one more when there are more.
     * Deleted accounts are left out.
     */
    public java.util.List<Account> search(String prefix, int offset) {
        String like = escapeLike(prefix == null ? "" : prefix.strip().toLowerCase(java.util.Locale.ROOT)) + "%";
        return em.createQuery("""
                        select a from Account a where a.deletedAt is null
                        and (a.username like :p escape '!' or lower(a.email) like :p escape '!')
                        order by a.username""", Account.class)
                .setParameter("p", like).setFirstResult(Math.max(0, offset)).setMaxResults(PAGE + 1)
                .setHint("eclipselink.batch", "a.roles").setHint("eclipselink.batch.type", "IN")
                .getResultList();
    }

    private static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Inject
    @ConfigProperty(name = "dossier.base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    /** The one-time secret of the setup link, while no administrator exists and none is configured. */
    private volatile String setupToken;

    @Transactional(Transactional.TxType.REQUIRED)
    void firstAdmin(@Observes @Priority(DatabaseSchema.AFTER_MIGRATION) @Initialized(ApplicationScoped.class) Object event) {
        if (adminUsername.isEmpty() || adminPassword.isEmpty()) {
            boolean anyAdmin = em.createNamedQuery(Account.COUNT_WITH_ROLE, Long.class)
                    .setParameter("role", Account.ADMIN).getSingleResult() > 0;
            if (!anyAdmin) {
                byte[] bytes = new byte[24];
                new java.security.SecureRandom().nextBytes(bytes);
                setupToken = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                LOG.warning(() -> "No administrator yet. Create the first one, once, at " + baseUrl + "/setup?token=" + setupToken
                        + " (or set dossier.admin.username and dossier.admin.password)");
            }
            return;
        }
        String name = Account.normalize(adminUsername.get());
        Account existing = byUsername(name).orElse(null);
        if (existing != null) {
            if (!existing.isAdmin()) {
                // Someone registered that name: configuring it must not hand them the site (with their password).
                LOG.warning(() -> "dossier.admin.username names the existing account '" + name
                        + "', which is not an administrator; it is left as it is. Choose a name nobody holds.");
            }
            return;
        }
        Account admin = new Account(name, name + "@localhost.invalid", hashes.hash(adminPassword.get()), Instant.now());
        admin.grant(Account.EDITOR);
        admin.grant(Account.ADMIN);
        em.persist(admin);
        LOG.info(() -> "Created the first administrator account '" + name + "'");
    }
}
