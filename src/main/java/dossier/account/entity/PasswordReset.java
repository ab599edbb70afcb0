package dossier.account.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A single-use link that sets a new password, valid {@link #VALID_FOR}: mailed to the account's address when its
 * owner asks at {@code /forgot}, or made by an administrator. Only the SHA-256 of its token is kept.
 */
@Entity
@Table(name = "password_reset")
public class PasswordReset {

    public static final Duration VALID_FOR = Duration.ofMinutes(30);

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @ManyToOne(optional = false)
    @JoinColumn(name = "account_id")
    private Account account;

    /** The administrator who made the link; null when the owner asked for it. */
    @Column(name = "requested_by", length = 32)
    private String requestedBy;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Column(name = "expires_ms", nullable = false)
    private long expiresMs;

    @Column(name = "used_ms")
    private Long usedMs;

    protected PasswordReset() {
    }

    public PasswordReset(String tokenHash, Account account, String requestedBy, Instant now) {
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.account = Objects.requireNonNull(account);
        this.requestedBy = requestedBy;
        this.createdMs = now.toEpochMilli();
        this.expiresMs = now.plus(VALID_FOR).toEpochMilli();
    }

    public boolean isUsed() {
        return usedMs != null;
    }

    public boolean isExpired(Instant now) {
        return now.toEpochMilli() >= expiresMs;
    }

    public Account account() { return account; }
    public String requestedBy() { return requestedBy; }
}
