package dossier.comment.entity;

import dossier.account.entity.Account;
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

/** A reader's report that a comment breaks the rules, waiting in the moderation queue until resolved. */
@Entity
@Table(name = "comment_report")
@NamedQuery(name = Report.OPEN, query = """
        select r from Report r join fetch r.comment join fetch r.reporter where r.resolved = false order by r.createdAt""")
@NamedQuery(name = Report.OPEN_BY_REPORTER, query = """
        select count(r) from Report r where r.reporter = :reporter and r.resolved = false""")
public class Report {

    public static final String OPEN = "Report.open";
    public static final int MAX_REASON = 1000;
    public static final String OPEN_BY_REPORTER = "Report.openByReporter";
    /** Reports one reader may have waiting at once: enough for honest use, too few to bury the moderators. */
    public static final int OPEN_PER_READER = 20;

    @Id
    @SequenceGenerator(name = "comment_report_seq", sequenceName = "comment_report_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "comment_report_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "comment_id")
    private Comment comment;

    @ManyToOne(optional = false)
    @JoinColumn(name = "reporter_id")
    private Account reporter;

    @Column(nullable = false, length = MAX_REASON)
    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private boolean resolved;

    protected Report() {
    }

    public Report(Comment comment, Account reporter, String reason, Instant now) {
        this.comment = comment;
        this.reporter = reporter;
        this.reason = reason;
        this.createdAt = now;
    }

    public void resolve() {
        resolved = true;
    }

    public Long id() { return id; }
    public Comment comment() { return comment; }
    public Account reporter() { return reporter; }
    public String reason() { return reason; }
    public Instant createdAt() { return createdAt; }
}
