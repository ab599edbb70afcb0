package dossier.backup.boundary;

import dossier.site.control.View;

import java.util.List;

/**
 * The backups page: whether this database can be backed up here at all, the schedule (how often, how many kept,
 * the next run, how the last one went, and what in the configuration was not understood), the archives, and the
 * outcome of a backup just asked for ({@code made} or {@code failed}, or neither).
 */
public record BackupView(boolean supported, String made, String failed, String schedule, String next, String last,
                         boolean lastFailed, List<String> problems, List<Row> archives, String folder) implements View {

    /** One archive as listed: its file name, when it was made, how, and its size. */
    public record Row(String name, String made, String iso, String kind, String size) {
    }

    @Override
    public String template() {
        return "backup.jte";
    }
}
