package dossier.backup.boundary;

import dossier.backup.control.Amounts;
import dossier.backup.control.BackupFolder;
import dossier.backup.control.BackupSchedule;
import dossier.site.control.AdminPanel;
import dossier.site.control.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The overview's backups: how old the newest is, the schedule, and what needs an administrator: a failed
 * scheduled backup, no backup at all, or a newest backup far older than the schedule promises.
 * (PostgreSQL is backed up with its own tools.)
 */
@ApplicationScoped
public class BackupPanel implements AdminPanel {

    @Inject
    Backups backups;

    @Inject
    BackupClock clock;

    @Override
    public int order() {
        return 60;
    }

    @Override
    public State state() {
        if (!backups.isSupported()) {
            return new State("Backups", "/admin/backup", List.of("PostgreSQL: back it up with pg_dump (see the README)"), "");
        }
        Instant now = Instant.now();
        List<BackupFolder.Archive> existing = backups.existing();
        BackupSchedule schedule = clock.schedule();
        List<String> facts = new ArrayList<>();
        if (existing.isEmpty()) {
            facts.add("none made yet");
        } else {
            BackupFolder.Archive newest = existing.get(0);
            facts.add("newest: " + Amounts.age(Duration.between(newest.created(), now)) + " (" + newest.kind().label() + ", "
                    + Amounts.size(newest.bytes()) + ")");
            facts.add(existing.size() + " archives, " + Amounts.size(existing.stream().mapToLong(BackupFolder.Archive::bytes).sum()));
        }
        facts.add("scheduled: " + (schedule == null ? "off" : schedule.describe())
                + clock.next().map(next -> "; next " + Formats.dateTime(next)).orElse(""));
        String attention = "";
        BackupClock.Outcome last = clock.last().orElse(null);
        if (last != null && !last.succeeded()) {
            attention = "The last scheduled backup failed: " + last.detail();
        } else if (existing.isEmpty()) {
            attention = "No backup has been made yet.";
        } else if (schedule != null && schedule.enabled()
                && existing.get(0).created().isBefore(now.minus(schedule.interval().multipliedBy(2)).minus(Duration.ofHours(1)))) {
            attention = "The newest backup is " + Amounts.age(Duration.between(existing.get(0).created(), now))
                    + ", older than the schedule promises.";
        }
        return new State("Backups", "/admin/backup", facts, attention);
    }
}
