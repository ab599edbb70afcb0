package dossier.backup.boundary;

import dossier.site.control.AdminPanel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.List;

/** The overview's backups: the newest, and how many are kept (PostgreSQL is backed up with its own tools). */
@ApplicationScoped
public class BackupPanel implements AdminPanel {

    @Inject
    Backups backups;

    @Override
    public int order() {
        return 60;
    }

    @Override
    public State state() {
        if (!backups.isSupported()) {
            return new State("Backups", "/admin/backup", List.of("PostgreSQL: back it up with pg_dump (see the README)"), "");
        }
        List<Path> existing = backups.existing();
        return new State("Backups", "/admin/backup", List.of(existing.size() + " backups kept",
                existing.isEmpty() ? "none made yet" : "newest: " + existing.get(0).getFileName()),
                existing.isEmpty() ? "No backup of the database has been made yet." : "");
    }
}
