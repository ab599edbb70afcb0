package dossier.mail.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * One mail in the outbox, written in the transaction of the change that causes it. It keeps its rendered text
 * and HTML and its {@code Message-ID}, so every attempt sends the same message.
 */
@Entity
@Table(name = "mail_outbox")
@NamedQuery(name = Mail.RECENT, query = "select m from Mail m order by m.createdAt desc, m.id desc")
@NamedQuery(name = Mail.WITH_STATUS, query = "select m from Mail m where m.status = :status order by m.createdAt desc, m.id desc")
@NamedQuery(name = Mail.COUNT_WITH_STATUS, query = "select count(m) from Mail m where m.status = :status")
public class Mail {

    public static final String RECENT = "Mail.recent";
    public static final String WITH_STATUS = "Mail.withStatus";
    public static final String COUNT_WITH_STATUS = "Mail.countWithStatus";
    public static final int SUBJECT_LENGTH = 200;
    public static final int ERROR_LENGTH = 500;
    public static final int UNSUBSCRIBE_LENGTH = 500;

    public enum Status { PENDING, SENT, FAILED }

    @Id
    @SequenceGenerator(name = "mail_seq", sequenceName = "mail_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mail_seq")
    private Long id;

    @Column(nullable = false, length = 254)
    private String recipient;

    @Column(nullable = false, length = SUBJECT_LENGTH)
    private String subject;

    @Column(name = "text_body", nullable = false)
    private String textBody;

    @Column(name = "html_body", nullable = false)
    private String htmlBody;

    @Column(name = "message_id", nullable = false, unique = true, length = 200)
    private String messageId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_ms", nullable = false)
    private long nextAttemptMs;

    @Column(name = "claimed_by", length = 64)
    private String claimedBy;

    @Column(name = "last_error", length = ERROR_LENGTH)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    /** RFC 8058: the address that unsubscribes the recipient with one POST (notifications only), or null. */
    @Column(name = "list_unsubscribe", length = UNSUBSCRIBE_LENGTH)
    private String listUnsubscribe;

    protected Mail() {
    }

    /** A mail due at once; recipient and subject must have been checked (no line breaks, one valid address). */
    public Mail(String recipient, String subject, String textBody, String htmlBody, String messageId, Instant now) {
        this.recipient = Objects.requireNonNull(recipient);
        this.subject = Objects.requireNonNull(subject);
        this.textBody = Objects.requireNonNull(textBody);
        this.htmlBody = Objects.requireNonNull(htmlBody);
        this.messageId = Objects.requireNonNull(messageId);
        this.status = Status.PENDING;
        this.createdAt = now;
        this.nextAttemptMs = now.toEpochMilli();
    }

    /** A mail that its recipient can stop with one click (RFC 8058); the address must have been checked. */
    public Mail unsubscribedAt(String address) {
        this.listUnsubscribe = address;
        return this;
    }

    public Long id() { return id; }
    public String recipient() { return recipient; }
    public String subject() { return subject; }
    public String textBody() { return textBody; }
    public String htmlBody() { return htmlBody; }
    public String messageId() { return messageId; }
    public Status status() { return status; }
    public int attempts() { return attempts; }
    public Instant nextAttempt() { return Instant.ofEpochMilli(nextAttemptMs); }
    public String lastError() { return lastError; }
    public Instant createdAt() { return createdAt; }
    public Instant sentAt() { return sentAt; }
    public String listUnsubscribe() { return listUnsubscribe; }
}
