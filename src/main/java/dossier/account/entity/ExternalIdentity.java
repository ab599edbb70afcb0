package dossier.account.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * An account's identity at an outside provider (a directory, an OpenID provider): the provider's id as the site
 * configures it ({@code ldap}, {@code oidc}) and the subject the provider gives the person, which never changes
 * for them there. Signing in with it is signing in to the account; one identity belongs to one account.
 */
@Entity
@Table(name = "external_identity")
@NamedQuery(name = ExternalIdentity.BY_SUBJECT, query = """
        select i from ExternalIdentity i join fetch i.account where i.provider = :provider and i.subject = :subject""")
@NamedQuery(name = ExternalIdentity.OF_ACCOUNT, query = "select i from ExternalIdentity i where i.account = :account order by i.provider")
public class ExternalIdentity {

    public static final String BY_SUBJECT = "ExternalIdentity.bySubject";
    public static final String OF_ACCOUNT = "ExternalIdentity.ofAccount";
    /** Column bounds: what a provider sends longer than this is refused, never cut (a cut subject could match another). */
    public static final int PROVIDER_LENGTH = 32;
    public static final int SUBJECT_LENGTH = 255;

    @Id
    @SequenceGenerator(name = "external_identity_seq", sequenceName = "external_identity_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "external_identity_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    @Column(nullable = false, length = PROVIDER_LENGTH)
    private String provider;

    @Column(nullable = false, length = SUBJECT_LENGTH)
    private String subject;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Column(name = "last_used_ms", nullable = false)
    private long lastUsedMs;

    protected ExternalIdentity() {
    }

    public ExternalIdentity(Account account, String provider, String subject, Instant now) {
        this.account = Objects.requireNonNull(account);
        this.provider = Objects.requireNonNull(provider);
        this.subject = Objects.requireNonNull(subject);
        if (provider.isEmpty() || provider.length() > PROVIDER_LENGTH || subject.isEmpty() || subject.length() > SUBJECT_LENGTH) {
            throw new IllegalArgumentException("A provider id has 1 to " + PROVIDER_LENGTH + " characters and a subject 1 to "
                    + SUBJECT_LENGTH);
        }
        this.createdMs = now.toEpochMilli();
        this.lastUsedMs = createdMs;
    }

    public void used(Instant now) {
        lastUsedMs = now.toEpochMilli();
    }

    public Account account() { return account; }
    public String provider() { return provider; }
    public String subject() { return subject; }
    public Instant lastUsed() { return Instant.ofEpochMilli(lastUsedMs); }
}
