package dossier.account.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A personal API token for scripts. Only its SHA-256 is stored: the token has 256 random bits, so a fast
 * hash is enough, and a stolen database does not hand out working tokens.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.BY_HASH, query = "select t from ApiToken t join fetch t.account where t.tokenHash = :hash")
@NamedQuery(name = ApiToken.OF_ACCOUNT, query = "select t from ApiToken t where t.account = :account order by t.createdAt")
public class ApiToken {

    public static final String BY_HASH = "ApiToken.byHash";
    public static final String OF_ACCOUNT = "ApiToken.ofAccount";

    @Id
    @SequenceGenerator(name = "api_token_seq", sequenceName = "api_token_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_token_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "account_id")
    private Account account;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "token_hash", nullable = false, length = 64, unique = true)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected ApiToken() {
    }

    public ApiToken(Account account, String name, String tokenHash, Instant now) {
        this.account = account;
        this.name = name;
        this.tokenHash = tokenHash;
        this.createdAt = now;
    }

    public void used(Instant now) {
        lastUsedAt = now;
    }

    public Long id() { return id; }
    public Account account() { return account; }
    public String name() { return name; }
    public Instant createdAt() { return createdAt; }
    public Instant lastUsedAt() { return lastUsedAt; }
}
