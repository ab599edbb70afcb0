package dossier.audit.boundary;

import dossier.audit.entity.AuditEntry;
import dossier.site.control.View;

import java.util.List;

/** One page of the audit log, newest first, perhaps only about one target ("" for all). */
public record AuditView(List<AuditEntry> entries, int page, boolean hasOlder, String target) implements View {

    @Override
    public String template() {
        return "audit.jte";
    }
}
