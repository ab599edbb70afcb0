package dossier.audit.boundary;

import dossier.audit.entity.AuditEntry;
import dossier.site.control.AdminPanel;
import dossier.site.control.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The overview's audit log: its latest lines. */
@ApplicationScoped
public class AuditPanel implements AdminPanel {

    @Inject
    AuditLog log;

    @Override
    public int order() {
        return 70;
    }

    @Override
    public State state() {
        List<String> latest = log.recent(3).stream().map(AuditPanel::line).toList();
        return new State("Audit log", "/admin/audit", latest.isEmpty() ? List.of("nothing recorded yet") : latest, "");
    }

    private static String line(AuditEntry e) {
        return Formats.iso(e.at()) + " " + e.actor() + ": " + e.action() + " " + e.target();
    }
}
