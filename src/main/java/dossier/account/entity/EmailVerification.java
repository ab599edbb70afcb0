package dossier.account.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A single-use link that confirms an account's e-mail address. Only the SHA-256 of its token is kept: the token
 * has 256 random bits, so a fast hash is enough, and a read database hands out no working link.
 */
@Entity
@Table(name = "email_verification")
@NamedQuery(name = EmailVerification.SENT_SINCE,
        query = "select count(v) from EmailVerification v where v.account = :account and v.createdMs > :since")
public class EmailVerification {

    public static final String SENT_SINCE = "EmailVerification.sentSince";
    public static final Duration VALID_FOR = Duration.ofHours(48);

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @ManyToOne(optional = false)
    @JoinColumn(name = "account_id")
    private Account account;

    /** The address the link was sent to: it confirms that address only, not one changed since. */
    @Column(nullable = false, length = 254)
    private String email;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Column(name = "expires_ms", nullable = false)
    private long expiresMs;

    @Column(name = "used_ms")
    private Long usedMs;

    /** A link that changes the account's address to {@code email} (asked for at /account), rather than confirming it. */
    @Column(name = "changes_address", nullable = false)
    private boolean changesAddress;

    protected EmailVerification() {
    }

    public EmailVerification(String tokenHash, Account account, Instant now) {
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.account = Objects.requireNonNull(account);
        this.email = account.email();
        this.createdMs = now.toEpochMilli();
        this.expiresMs = now.plus(VALID_FOR).toEpochMilli();
    }

    /** A link, mailed to {@code newEmail}, that makes it the account's address when used. */
    public static EmailVerification addressChange(String tokenHash, Account account, String newEmail, Instant now) {
        EmailVerification link = new EmailVerification(tokenHash, account, now);
        link.email = Objects.requireNonNull(newEmail);
        link.changesAddress = true;
        return link;
    }

    public boolean changesAddress() {
        return changesAddress;
    }

    public boolean isUsed() {
        return usedMs != null;
    }

    public boolean isExpired(Instant now) {
        return now.toEpochMilli() >= expiresMs;
    }

    public Account account() { return account; }
    public String email() { return email; }
    public Instant expires() { return Instant.ofEpochMilli(expiresMs); }
}
