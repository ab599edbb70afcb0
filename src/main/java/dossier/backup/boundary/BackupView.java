package dossier.backup.boundary;

import dossier.site.control.View;

import java.util.List;

/** The backups made so far, the one just made (or null), and whether this database can be backed up here at all. */
public record BackupView(String made, boolean supported, List<String> backups) implements View {

    @Override
    public String template() {
        return "backup.jte";
    }
}
