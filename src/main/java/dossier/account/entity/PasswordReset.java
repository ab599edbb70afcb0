package dossier.account.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/**
 * A single-use link that sets a new password, valid {@link #VALID_FOR}: mailed to the account's address when its
 * owner asks at {@code /forgot}, or made by an administrator. Only the SHA-256 of its token is kept.
 */
@Entity
@Table(name = "password_reset")
public class PasswordReset extends SingleUseLink {

    public static final Duration VALID_FOR = Duration.ofMinutes(30);

    /** The administrator who made the link; null when the owner asked for it. */
    @Column(name = "requested_by", length = 32)
    private String requestedBy;

    protected PasswordReset() {
    }

    public PasswordReset(String tokenHash, Account account, String requestedBy, Instant now) {
        super(tokenHash, account, now, VALID_FOR);
        this.requestedBy = requestedBy;
    }

    public String requestedBy() { return requestedBy; }
}
