package dossier.account.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A single-use link that confirms an account's e-mail address, or changes it to a new one ({@link SingleUseLink}). */
@Entity
@Table(name = "email_verification")
@NamedQuery(name = EmailVerification.SENT_SINCE,
        query = "select count(v) from EmailVerification v where v.account = :account and v.createdMs > :since")
public class EmailVerification extends SingleUseLink {

    public static final String SENT_SINCE = "EmailVerification.sentSince";
    public static final Duration VALID_FOR = Duration.ofHours(48);

    /** The address the link was sent to: it confirms that address only, not one changed since. */
    @Column(nullable = false, length = 254)
    private String email;

    /** A link that changes the account's address to {@code email} (asked for at /account), rather than confirming it. */
    @Column(name = "changes_address", nullable = false)
    private boolean changesAddress;

    protected EmailVerification() {
    }

    public EmailVerification(String tokenHash, Account account, Instant now) {
        super(tokenHash, account, now, VALID_FOR);
        this.email = account.email();
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

    public String email() { return email; }
}
