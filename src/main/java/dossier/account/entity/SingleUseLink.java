package dossier.account.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A link mailed (or handed) to the owner of an account that works once and for a while: only the SHA-256 of its
 * token is kept (the token has 256 random bits, so a fast hash is enough, and a read database hands out no working
 * link). What it does is its subclass's: confirm an address, set a new password.
 */
@MappedSuperclass
public abstract class SingleUseLink {

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @ManyToOne(optional = false)
    @JoinColumn(name = "account_id")
    private Account account;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Column(name = "expires_ms", nullable = false)
    private long expiresMs;

    @Column(name = "used_ms")
    private Long usedMs;

    protected SingleUseLink() {
    }

    protected SingleUseLink(String tokenHash, Account account, Instant now, Duration validFor) {
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.account = Objects.requireNonNull(account);
        this.createdMs = now.toEpochMilli();
        this.expiresMs = now.plus(validFor).toEpochMilli();
    }

    public boolean isUsed() {
        return usedMs != null;
    }

    public boolean isExpired(Instant now) {
        return now.toEpochMilli() >= expiresMs;
    }

    public Account account() { return account; }
    public Instant expires() { return Instant.ofEpochMilli(expiresMs); }
}
