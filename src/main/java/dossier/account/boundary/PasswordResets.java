package dossier.account.boundary;

import dossier.account.control.PasswordPolicy;
import dossier.account.control.SingleUseTokens;
import dossier.account.entity.Account;
import dossier.account.entity.PasswordReset;
import dossier.audit.boundary.AuditLog;
import dossier.mail.boundary.Outbox;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forgotten passwords: a single-use link, valid 30 minutes, that sets a new password and ends every session of
 * the account. A reader asks at {@code /forgot} with an address: the request is counted (per client address and
 * per address typed, {@link Throttle}) the same way whether an account has that address or not, and everything
 * that depends on it (looking the address up, the link, the mail) happens after the answer, on another thread,
 * so the answer and its time say nothing about which addresses have accounts. An administrator makes a link for
 * an account at {@code /admin/users}: mailed when a mail server is configured, else shown to pass on.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PasswordResets {

    private static final Logger LOG = Logger.getLogger(PasswordResets.class.getName());
    /** Requests for one typed address in an hour, whoever sends them. */
    public static final int PER_ADDRESS_TYPED = 3;
    static final Duration WINDOW = Duration.ofHours(1);
    /** Accounts mailed for one address at most (addresses are not unique). */
    static final int MAX_ACCOUNTS = 5;

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    /** Through the CDI proxy: the mail is made in a transaction of its own, on another thread. */
    @Inject
    PasswordResets self;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    Throttle throttle;

    @Inject
    LoginThrottle logins;

    @Inject
    Accounts accounts;

    @Resource
    ManagedExecutorService managed;

    /** Where the work after a request's answer runs: the container's executor, or one a test gives. */
    Executor later;

    /** Forgotten-password requests per client address in an hour. */
    @Inject
    @ConfigProperty(name = "dossier.forgot.address-limit", defaultValue = "5")
    int addressLimit;

    private final PasswordPolicy policy = new PasswordPolicy();

    /** What a link is worth now. */
    public enum Outcome { VALID, USED, EXPIRED, UNKNOWN }

    /** Thrown when the new password is refused (too short, the username, a common one, not typed twice alike). */
    public static class PasswordRefused extends RuntimeException {
        public PasswordRefused(String reason) {
            super(reason);
        }
    }

    /** Whether links can be mailed: otherwise readers ask an administrator for one. */
    public boolean mailConfigured() {
        return outbox.serverConfigured();
    }

    /**
     * A reader forgot the password of the account with this address. Counted first; when within the limits, the
     * link goes out after the answer (if an account has the address). The caller has checked the address's shape.
     *
     * @return zero, or how long to wait when over a limit (nothing else happens then)
     */
    public Duration request(String email, String addressKey, Instant now) {
        String typed = email.strip().toLowerCase(Locale.ROOT);
        Throttle.Attempt attempt = throttle.attempt(now,
                new Throttle.Limit("forgot-address", addressKey, addressLimit, WINDOW),
                new Throttle.Limit("forgot-email", LoginThrottle.key("email:", typed), PER_ADDRESS_TYPED, WINDOW));
        if (!attempt.allowed()) {
            return attempt.retryAfter();
        }
        executor().execute(() -> {
            try {
                self.mail(typed, now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A forgotten-password mail could not be queued", e);
            }
        });
        return Duration.ZERO;
    }

    private Executor executor() {
        return later != null ? later : managed;
    }

    /** Mails a link to every account (a few at most) with this address; how many were mailed. */
    @Transactional(Transactional.TxType.REQUIRED)
    public int mail(String typedEmail, Instant now) {
        List<Account> holders = em.createQuery(
                        "select a from Account a where lower(a.email) = :email and a.deletedAt is null order by a.id", Account.class)
                .setParameter("email", typedEmail).setMaxResults(MAX_ACCOUNTS).getResultList();
        for (Account account : holders) {
            mailLink(account, create(account, null, now));
        }
        return holders.size();
    }

    /**
     * An administrator makes a link for the account: mailed to its address when a mail server is configured and
     * the address can take mail (then empty), else returned, absolute, to be shown and passed on.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<String> send(Account admin, String username, Instant now) {
        Account account = accounts.byUsername(username).filter(a -> !a.isDeleted())
                .orElseThrow(jakarta.ws.rs.NotFoundException::new);
        String token = create(account, admin.username(), now);
        boolean mailed = outbox.serverConfigured() && dossier.mail.control.Addresses.valid(account.email());
        if (mailed) {
            mailLink(account, token);
        }
        audit.record(admin.username(), "account.reset-link", "account " + account.username(), mailed ? "mailed" : "shown");
        return mailed ? Optional.empty() : Optional.of(outbox.link(path(token)));
    }

    private String create(Account account, String requestedBy, Instant now) {
        String token = SingleUseTokens.newToken();
        em.persist(new PasswordReset(SingleUseTokens.sha256(token), account, requestedBy, now));
        return token;
    }

    private void mailLink(Account account, String token) {
        outbox.enqueue(account.email(), "Set a new password", "reset-password", Map.of(
                "username", account.username(),
                "link", outbox.link(path(token)),
                "minutes", (int) PasswordReset.VALID_FOR.toMinutes()));
    }

    /** The link's address on this site. The token travels in it once, to the form page, which posts it back. */
    static String path(String token) {
        return "/reset?token=" + token;
    }

    /** What the link with this token would do, without using it. */
    public Outcome check(String token, Instant now) {
        return find(token).map(r -> r.isUsed() ? Outcome.USED : r.isExpired(now) ? Outcome.EXPIRED : Outcome.VALID)
                .orElse(Outcome.UNKNOWN);
    }

    /**
     * Sets the new password through the link: checked against the policy and hashed before the link is used (so a
     * refused password leaves the link working), then the link is used once (a conditional update: two forms sent
     * at once cannot both succeed), every other open link of the account with it, every session of the account
     * ends on every node, and its failed logins are forgiven.
     *
     * @return the outcome: {@link Outcome#VALID} when the password was set
     * @throws PasswordRefused when the new password is not acceptable (the link still works)
     */
    public Outcome reset(String token, String password, String repeated, Instant now) {
        Optional<PasswordReset> found = find(token);
        Outcome outcome = check(token, now);
        if (outcome != Outcome.VALID) {
            return outcome;
        }
        Account account = found.get().account();
        Optional<String> problem = policy.problem(password, account.username());
        if (problem.isPresent()) {
            throw new PasswordRefused(problem.get());
        }
        if (!password.equals(repeated)) {
            throw new PasswordRefused("The two passwords are not the same.");
        }
        return self.apply(token, accounts.hash(password), now);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Outcome apply(String token, String hash, Instant now) {
        String tokenHash = SingleUseTokens.sha256(token);
        int used = em.createNativeQuery(
                        "UPDATE password_reset SET used_ms = ?1 WHERE token_hash = ?2 AND used_ms IS NULL AND expires_ms > ?1")
                .setParameter(1, now.toEpochMilli()).setParameter(2, tokenHash).executeUpdate();
        PasswordReset link = em.find(PasswordReset.class, tokenHash);
        if (used != 1) {
            em.refresh(link);
            return link.isUsed() ? Outcome.USED : Outcome.EXPIRED;
        }
        Account account = em.find(Account.class, link.account().id(), LockModeType.PESSIMISTIC_WRITE);
        if (account.isDeleted()) {
            return Outcome.UNKNOWN;
        }
        account.changePasswordHash(hash);
        account.endSessions(now);
        em.createNativeQuery("UPDATE password_reset SET used_ms = ?1 WHERE account_id = ?2 AND used_ms IS NULL")
                .setParameter(1, now.toEpochMilli()).setParameter(2, account.id()).executeUpdate();
        logins.forgive(LoginThrottle.key("account:", account.username()));
        audit.record(account.username(), "account.password-reset", "account " + account.username(),
                link.requestedBy() == null ? "link mailed on request" : "link made by @" + link.requestedBy());
        LOG.info(() -> "Password of '" + account.username() + "' set through a reset link; its sessions ended");
        return Outcome.VALID;
    }

    private Optional<PasswordReset> find(String token) {
        if (!SingleUseTokens.wellFormed(token)) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(PasswordReset.class, SingleUseTokens.sha256(token)));
    }
}
