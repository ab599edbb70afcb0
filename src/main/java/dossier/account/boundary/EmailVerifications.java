package dossier.account.boundary;

import dossier.account.control.SingleUseTokens;
import dossier.account.entity.Account;
import dossier.account.entity.EmailVerification;
import dossier.mail.boundary.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Confirming a reader's e-mail address: a single-use link, valid 48 hours, mailed through the outbox in the
 * transaction that makes the account (or asks again). While the site requires confirmed addresses
 * ({@code dossier.accounts.require-verified-email}, on by default when a mail server is configured), an
 * unconfirmed reader reads and logs in but does not comment ({@link Account#groups(boolean, boolean)}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class EmailVerifications {

    private static final Logger LOG = Logger.getLogger(EmailVerifications.class.getName());
    /** Verification mails per account in an hour, the first one at registration included. */
    public static final int PER_HOUR = 4;

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    dossier.audit.boundary.AuditLog audit;

    @Inject
    @ConfigProperty(name = "dossier.accounts.require-verified-email")
    Optional<Boolean> requireVerifiedEmail;

    /** What became of a link. */
    public enum Outcome { VERIFIED, USED, EXPIRED, UNKNOWN }

    /** Thrown when an account asked for too many links in the last hour. */
    public static class TooManyRequests extends RuntimeException {
        private final Duration retryAfter;

        public TooManyRequests(Duration retryAfter) {
            super("Too many verification mails asked for");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Whether readers must confirm their address before they comment. */
    public boolean required() {
        return requireVerifiedEmail.orElseGet(outbox::serverConfigured);
    }

    /** Puts a new link to the account's address in the outbox, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void send(Account account, Instant now) {
        String token = SingleUseTokens.newToken();
        em.persist(new EmailVerification(sha256(token), account, now));
        outbox.enqueue(account.email(), "Confirm your e-mail address", "verify-email", Map.of(
                "username", account.username(),
                "link", outbox.link("/verify-email?token=" + token),
                "hours", (int) EmailVerification.VALID_FOR.toHours()));
    }

    /**
     * A new link for an account that asked for one, at most {@link #PER_HOUR} links an hour (counted in the
     * database, under the account's row lock, so parallel requests on any node count too).
     *
     * @return false when the address is confirmed already (nothing is sent)
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public boolean resend(Account caller, Instant now) {
        Account account = em.find(Account.class, caller.id(), LockModeType.PESSIMISTIC_WRITE);
        if (account == null || account.isEmailVerified()) {
            return false;
        }
        requireWithinHourlyLimit(account, now);
        send(account, now);
        return true;
    }

    /**
     * Asks to change the account's address (in the caller's transaction): a single-use link to the new address,
     * which changes it when used, and a notice to the old one, so that its owner learns of a change they did not
     * make. The links count against the same {@link #PER_HOUR} as new confirmation links.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sendAddressChange(Account caller, String newEmail, Instant now) {
        Account account = em.find(Account.class, caller.id(), LockModeType.PESSIMISTIC_WRITE);
        requireWithinHourlyLimit(account, now);
        String token = SingleUseTokens.newToken();
        em.persist(EmailVerification.addressChange(sha256(token), account, newEmail, now));
        outbox.enqueue(newEmail, "Confirm your new e-mail address", "change-email", Map.of(
                "username", account.username(),
                "email", newEmail,
                "link", outbox.link("/verify-email?token=" + token),
                "hours", (int) EmailVerification.VALID_FOR.toHours()));
        if (dossier.mail.control.Addresses.valid(account.email())) {
            outbox.enqueue(account.email(), "Your e-mail address is being changed", "email-change-notice", Map.of(
                    "username", account.username(),
                    "email", newEmail,
                    "accountLink", outbox.link("/account")));
        }
    }

    /** Throws {@link TooManyRequests} when the account was sent {@link #PER_HOUR} links in the last hour. */
    private void requireWithinHourlyLimit(Account account, Instant now) {
        long recent = em.createNamedQuery(EmailVerification.SENT_SINCE, Long.class).setParameter("account", account)
                .setParameter("since", now.minus(Duration.ofHours(1)).toEpochMilli()).getSingleResult();
        if (recent >= PER_HOUR) {
            Number oldest = (Number) em.createNativeQuery(
                            "SELECT MIN(created_ms) FROM email_verification WHERE account_id = ?1 AND created_ms > ?2")
                    .setParameter(1, account.id()).setParameter(2, now.minus(Duration.ofHours(1)).toEpochMilli()).getSingleResult();
            Duration wait = Duration.between(now, Instant.ofEpochMilli(oldest.longValue()).plus(Duration.ofHours(1)));
            throw new TooManyRequests(wait.isNegative() ? Duration.ofSeconds(1) : wait);
        }
    }

    /** What the link with this token would do, without using it (for the page that asks to confirm). */
    public Outcome check(String token, Instant now) {
        return find(token).map(v -> v.isUsed() ? Outcome.USED : v.isExpired(now) ? Outcome.EXPIRED : Outcome.VERIFIED)
                .orElse(Outcome.UNKNOWN);
    }

    /**
     * Uses the link: once only (a conditional update, so two clicks at once cannot both succeed), within 48 hours,
     * and only for the address it was sent to. Every other open link of the account is used up with it.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Outcome verify(String token, Instant now) {
        Optional<EmailVerification> found = find(token);
        if (found.isEmpty()) {
            return Outcome.UNKNOWN;
        }
        EmailVerification link = found.get();
        int used = em.createNativeQuery("""
                        UPDATE email_verification SET used_ms = ?1 WHERE token_hash = ?2 AND used_ms IS NULL AND expires_ms > ?1""")
                .setParameter(1, now.toEpochMilli()).setParameter(2, sha256(token)).executeUpdate();
        if (used != 1) {
            em.refresh(link);
            return link.isUsed() ? Outcome.USED : Outcome.EXPIRED;
        }
        Account account = em.find(Account.class, link.account().id(), LockModeType.PESSIMISTIC_WRITE);
        if (account.isDeleted()) {
            return Outcome.EXPIRED;
        }
        if (link.changesAddress()) {
            if (addressTaken(link.email(), account)) {
                return Outcome.EXPIRED; // another account took the address since the link was sent
            }
            account.changeEmail(link.email(), now);
            audit.record(account.username(), "account.email-change", "account " + account.username(), null);
            LOG.info(() -> "E-mail address of '" + account.username() + "' changed through the link mailed to the new one");
        } else if (!account.email().equalsIgnoreCase(link.email())) {
            return Outcome.EXPIRED; // sent to an address the account no longer has
        }
        account.verifyEmail(now);
        em.createNativeQuery("UPDATE email_verification SET used_ms = ?1 WHERE account_id = ?2 AND used_ms IS NULL")
                .setParameter(1, now.toEpochMilli()).setParameter(2, account.id()).executeUpdate();
        LOG.info(() -> "E-mail address of '" + account.username() + "' confirmed");
        return Outcome.VERIFIED;
    }

    /** Whether another account (not deleted) has this address, in any case of letters. */
    public boolean addressTaken(String email, Account other) {
        return em.createNamedQuery(Account.COUNT_WITH_EMAIL, Long.class)
                .setParameter("email", email.strip().toLowerCase(java.util.Locale.ROOT))
                .setParameter("id", other == null ? -1L : other.id()).getSingleResult() > 0;
    }

    private Optional<EmailVerification> find(String token) {
        if (!SingleUseTokens.wellFormed(token)) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(EmailVerification.class, sha256(token)));
    }

    static String sha256(String token) {
        return SingleUseTokens.sha256(token);
    }
}
