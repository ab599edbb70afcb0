package dossier.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** Who did what to what, and when: one line of the audit log. Never changed once written. */
@Entity
@Table(name = "audit_entry")
@NamedQuery(name = AuditEntry.RECENT, query = "select e from AuditEntry e order by e.at desc, e.id desc")
public class AuditEntry {

    public static final String RECENT = "AuditEntry.recent";

    @Id
    @SequenceGenerator(name = "audit_entry_seq", sequenceName = "audit_entry_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry_seq")
    private Long id;

    @Column(nullable = false, length = 32)
    private String actor;

    @Column(nullable = false, length = 40)
    private String action;

    @Column(nullable = false, length = 300)
    private String target;

    @Column(length = 2000)
    private String detail;

    @Column(nullable = false)
    private Instant at;

    protected AuditEntry() {
    }

    public AuditEntry(String actor, String action, String target, String detail, Instant at) {
        this.actor = actor;
        this.action = action;
        this.target = target.length() > 300 ? target.substring(0, 300) : target;
        this.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
        this.at = at;
    }

    public String actor() { return actor; }
    public String action() { return action; }
    public String target() { return target; }
    public String detail() { return detail; }
    public Instant at() { return at; }
}
