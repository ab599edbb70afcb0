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

    private static final String EMAIL_PROBLEM = "Enter an e-mail address such as name@example.org.";

    /** The one rule for an address a reader gives: at most 254 characters, one plain address that mail can reach. */
    static boolean validEmail(String email) {
        return email != null && email.length() <= 254 && EMAIL.matcher(email.strip()).matches()
                && dossier.mail.control.Addresses.valid(email.strip());
    }

    /** A form of the account page refused: the field it is about, what to tell the reader, the HTTP status. */
    public static class ChangeRefused extends RuntimeException {
        private final String field;
        private final int status;
        private final java.time.Duration retryAfter;

        public ChangeRefused(String field, String message, int status, java.time.Duration retryAfter) {
            super(message);
            this.field = field;
            this.status = status;
            this.retryAfter = retryAfter;
        }

        public ChangeRefused(String field, String message) {
            this(field, message, 400, java.time.Duration.ZERO);
        }

        public String field() { return field; }
        public int status() { return status; }
        public java.time.Duration retryAfter() { return retryAfter; }
    }

    @Inject
    LoginThrottle logins;

    @Inject
    jakarta.enterprise.event.Event<dossier.account.entity.BylineChanged> bylineChanged;

    /**
     * The account's current password, as the account page asks for it before a change that matters: throttled as
     * logins are (counted per account and per client address before the hash is computed; the account's failures
     * count for its logins too), and no hash at all for an empty field.
     *
     * @throws ChangeRefused on field {@code current}: 400 when empty or wrong, 429 when tried too often
     */
    public void confirmPassword(Account account, String password, String addressKey) {
        if (password == null || password.isEmpty()) {
            throw new ChangeRefused("current", "Enter your current password.");
        }
        String accountKey = LoginThrottle.key("account:", account.username());
        LoginThrottle.Attempt attempt = logins.attempt(Instant.now(), accountKey, addressKey);
        if (!attempt.allowed()) {
            long seconds = Math.max(1, attempt.retryAfter().toSeconds() + 1);
            throw new ChangeRefused("current", "Too many wrong passwords. Try again in " + ((seconds + 59) / 60) + " minutes.",
                    429, java.time.Duration.ofSeconds(seconds));
        }
        Account fresh = em.find(Account.class, account.id());
        if (fresh == null || fresh.isDeleted() || !hashes.verify(password, fresh.passwordHash())) {
            throw new ChangeRefused("current", "That is not your current password.");
        }
        logins.succeeded(attempt, accountKey);
    }

    /** Whether a new password passes the policy, without any hash: the reason when it does not. */
    public Optional<String> passwordProblem(Account account, String password) {
        return policy.problem(password, account.username());
    }

    /**
     * Sets a new password (the caller confirmed the current one), ends every session of the account on every node,
     * and cancels a change of address under way (whoever asked for it may have known the old password).
     *
     * @return the instant sessions begun until then are over (epoch milliseconds): the caller's own session is
     *         begun again after it
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public long changePassword(Account account, String newPassword) {
        Account fresh = em.find(Account.class, account.id(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Optional<String> problem = policy.problem(newPassword, fresh.username());
        if (problem.isPresent()) {
            throw new ChangeRefused("password", problem.get());
        }
        Instant now = Instant.now();
        fresh.changePasswordHash(hashes.hash(newPassword));
        fresh.endSessions(now);
        em.createNativeQuery("UPDATE email_verification SET used_ms = ?1 WHERE account_id = ?2 AND used_ms IS NULL AND changes_address = TRUE")
                .setParameter(1, now.toEpochMilli()).setParameter(2, fresh.id()).executeUpdate();
        audit.record(fresh.username(), "account.password-change", "account " + fresh.username(), "other sessions ended");
        LOG.info(() -> "Password of '" + fresh.username() + "' changed; its other sessions ended");
        return now.toEpochMilli();
    }

    /**
     * Asks to change the account's address: the new one must be valid, not the same, and no other account's; a link
     * to it changes the address when used, and the old address is told ({@link EmailVerifications#sendAddressChange}).
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void changeEmail(Account account, String newEmail) {
        if (!validEmail(newEmail)) {
            throw new ChangeRefused("email", EMAIL_PROBLEM);
        }
        String address = newEmail.strip();
        if (address.equalsIgnoreCase(account.email())) {
            throw new ChangeRefused("email", "This is your address already.");
        }
        if (verifications.addressTaken(address, account)) {
            throw new ChangeRefused("email", "Another account uses this address. Choose another one.", 409, java.time.Duration.ZERO);
        }
        try {
            verifications.sendAddressChange(account, address, Instant.now());
        } catch (EmailVerifications.TooManyRequests tooMany) {
            long seconds = Math.max(1, tooMany.retryAfter().toSeconds() + 1);
            throw new ChangeRefused("email", "You asked for " + EmailVerifications.PER_HOUR
                    + " links in the last hour. Try again in " + ((seconds + 59) / 60) + " minutes.", 429, java.time.Duration.ofSeconds(seconds));
        }
    }

    /** Sets or (empty) clears the display name; the pages that show the account's comments are drawn again. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Account changeDisplayName(Account account, String displayName) {
        Account fresh = em.find(Account.class, account.id());
        try {
            fresh.changeDisplayName(displayName);
        } catch (IllegalArgumentException tooLong) {
            throw new ChangeRefused("displayName", tooLong.getMessage());
        }
        bylineChanged.fire(new dossier.account.entity.BylineChanged(fresh.id()));
        return fresh;
    }

    /**
     * Deletes an account, by its owner (who gave the password) or by an administrator ({@code actor}). The row stays as
     * a tombstone ({@link Account#delete}): comments kept show "[deleted account]" and threads keep their shape; with
     * {@code removeComments} their texts go as well (their places stay, so replies to them stay too). Its tokens and
     * links go, every session ends, and the audit log records who deleted which account.
     *
     * @throws ChangeRefused 409 for the only administrator, who would leave the site without one
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void deleteAccount(Account account, boolean removeComments, String actor) {
        Account fresh = em.find(Account.class, account.id(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (fresh == null || fresh.isDeleted()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        if (fresh.isAdmin() && lockedAdministrators() <= 1) {
            throw new ChangeRefused("delete", "The only administrator cannot be deleted: make another administrator first.",
                    409, java.time.Duration.ZERO);
        }
        String name = fresh.username();
        deleted.fire(new dossier.account.entity.AccountDeleted(fresh.id(), removeComments));
        for (String table : java.util.List.of("api_token", "email_verification", "password_reset", "external_identity",
                "external_link_offer")) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE account_id = ?1").setParameter(1, fresh.id()).executeUpdate();
        }
        fresh.delete(Instant.now());
        audit.record(actor, "account.delete", "account " + name, removeComments ? "comments removed" : "comments kept");
        LOG.info(() -> "Account '" + name + "' deleted by '" + actor + "' (" + (removeComments ? "comments removed" : "comments kept") + ")");
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
        if (!validEmail(email)) {
            problems.put("email", EMAIL_PROBLEM);
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
    int lockedAdministrators() {
        return em.createNativeQuery("""
                        SELECT a.id FROM account a JOIN account_role r ON r.account_id = a.id WHERE r.role = ?1 FOR UPDATE""")
                .setParameter(1, Account.ADMIN).getResultList().size();
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
