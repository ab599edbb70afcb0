package dossier.backup.boundary;

import dossier.backup.control.BackupFolder;
import dossier.backup.control.BackupSchedule;
import dossier.site.control.DatabaseSchema;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Scheduled backups: every {@code dossier.backup.interval} (default daily) reckoned from the newest scheduled
 * archive, so that a site restarted more often than that is still backed up, keeping the newest
 * {@code dossier.backup.keep}. Each run plans the next one when it ends, whatever happened: a failed backup is
 * logged as a warning and shown to administrators, and the next one comes at its time. On PostgreSQL there is no
 * schedule (pg_dump is the tool there); an embedded H2 database has one node, so one clock.
 */
@ApplicationScoped
public class BackupClock {

    private static final Logger LOG = Logger.getLogger(BackupClock.class.getName());

    /** How the latest scheduled backup went (since the start; before that, what the folder shows). */
    public record Outcome(Instant at, boolean succeeded, String detail) {
    }

    @Inject
    Backups backups;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "dossier.backup.interval", defaultValue = BackupSchedule.DEFAULT_INTERVAL)
    String interval;

    @Inject
    @ConfigProperty(name = "dossier.backup.keep", defaultValue = BackupSchedule.DEFAULT_KEEP)
    String keep;

    private volatile BackupSchedule schedule;
    private volatile Instant next;
    private volatile Outcome last;
    private volatile boolean stopped;
    private ScheduledFuture<?> pending;

    void onStart(@Observes @Priority(DatabaseSchema.AFTER_MIGRATION + 40) @Initialized(ApplicationScoped.class) Object event) {
        schedule = BackupSchedule.of(interval, keep);
        schedule.problems().forEach(LOG::warning);
        if (!backups.isSupported() || !schedule.enabled()) {
            if (backups.isSupported()) {
                LOG.info(() -> "Scheduled backups are off (dossier.backup.interval=" + interval + ")");
            }
            return;
        }
        int leftovers = backups.removeLeftovers();
        if (leftovers > 0) {
            LOG.info(() -> "Removed " + leftovers + " temporary file(s) of a backup interrupted by the last stop");
        }
        plan(Instant.now());
        LOG.info(() -> "Scheduled backups " + schedule.describe() + ", into " + backups.folder().dir() + "; the next at " + next);
    }

    /** The schedule as configured (null before the start, and while the site does not back itself up). */
    public BackupSchedule schedule() {
        return schedule;
    }

    /** When the next scheduled backup runs; empty when none is planned. */
    public Optional<Instant> next() {
        return stopped ? Optional.empty() : Optional.ofNullable(next);
    }

    /** The latest scheduled backup: how it went, if it ran since the start; otherwise the newest scheduled archive. */
    public Optional<Outcome> last() {
        if (last != null) {
            return Optional.of(last);
        }
        return backups.existing().stream().filter(a -> a.kind() == BackupFolder.Kind.SCHEDULED).findFirst()
                .map(a -> new Outcome(a.created(), true, a.name()));
    }

    void run() {
        try {
            BackupFolder.Archive archive = backups.backUpOnSchedule(schedule.keep());
            last = new Outcome(Instant.now(), true, archive.name());
        } catch (Throwable e) {
            last = new Outcome(Instant.now(), false, e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            LOG.log(Level.WARNING, "The scheduled backup failed: " + last.detail() + "; the next one is tried at its time", e);
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e;
            }
        } finally {
            if (!stopped) {
                plan(Instant.now());
            }
        }
    }

    private synchronized void plan(Instant now) {
        Optional<Instant> newest;
        try {
            newest = backups.folder().newestScheduled();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The backups folder cannot be read; the next backup is reckoned from now", e);
            newest = Optional.empty();
        }
        // After a failure the newest archive is overdue: the next try comes after the short first wait.
        Instant due = schedule.next(newest, now);
        next = due;
        pending = scheduler.schedule(this::run, Math.max(0, Duration.between(now, due).toMillis()), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
