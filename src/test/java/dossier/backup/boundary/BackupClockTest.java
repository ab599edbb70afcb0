package dossier.backup.boundary;

import dossier.backup.control.BackupFolder;
import dossier.backup.control.BackupSchedule;
import dossier.site.control.DatabaseSchema;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schedule's runs, called directly (the executor only records what it is asked to plan): a failed backup is
 * a warning and the latest outcome, and the next run is planned all the same; a good one keeps the newest few.
 */
class BackupClockTest {

    /** What the clock asked the executor for: delays in milliseconds. */
    final List<Long> planned = new ArrayList<>();

    private ManagedScheduledExecutorService recordingScheduler() {
        return (ManagedScheduledExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ManagedScheduledExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("schedule")) {
                        planned.add(((TimeUnit) args[2]).toMillis((Long) args[1]));
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** An H2 file database that fails while {@code broken} is set (a full disk, a lost folder). */
    private static DataSource breakable(JdbcDataSource db, AtomicBoolean broken) {
        return (DataSource) Proxy.newProxyInstance(BackupClockTest.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (broken.get()) {
                        throw new SQLException("No space left on device");
                    }
                    return method.invoke(db, args);
                });
    }

    @Test
    void aFailedBackupIsReportedAndTheNextOneIsPlannedAllTheSame(@TempDir Path data) throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:file:" + data.resolve("db/dossier") + ";WRITE_DELAY=0");
        db.setUser("dossier");
        db.setPassword("dossier");
        DatabaseSchema.migrate(db);
        AtomicBoolean broken = new AtomicBoolean(true);
        Backups backups = new Backups();
        backups.dataSource = breakable(db, broken);
        backups.self = backups;
        backups.dataDir = data.toString();
        backups.dbUrl = db.getURL();
        BackupClock cut = new BackupClock();
        cut.backups = backups;
        cut.scheduler = recordingScheduler();
        cut.interval = "PT1H";
        cut.keep = "2";
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override public void publish(LogRecord r) { logged.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger.getLogger(BackupClock.class.getName()).addHandler(handler);
        try {
            cut.onStart(null);
            assertEquals(List.of(Duration.ofMinutes(5).toMillis()), planned, "the first one a few minutes after the start");
            assertEquals(new BackupSchedule(Duration.ofHours(1), 2, List.of()), cut.schedule());

            cut.run();
            BackupClock.Outcome failed = cut.last().orElseThrow();
            assertFalse(failed.succeeded());
            assertTrue(failed.detail().contains("No space left on device"), failed.detail());
            assertTrue(logged.stream().anyMatch(r -> r.getLevel() == Level.WARNING && r.getMessage().contains("scheduled backup failed")));
            assertEquals(2, planned.size(), "the clock goes on: " + planned);
            assertTrue(cut.next().isPresent());
            assertEquals(List.of(), backups.existing(), "nothing half-written is listed");

            broken.set(false);
            for (int i = 0; i < 3; i++) {
                cut.run();
                assertTrue(cut.last().orElseThrow().succeeded(), cut.last().toString());
                Thread.sleep(1100); // one archive name per second
            }
            List<BackupFolder.Archive> kept = backups.existing();
            assertEquals(2, kept.size(), "the newest two of three: " + kept);
            assertEquals(kept.get(0).name(), cut.last().orElseThrow().detail());
            long nextDelay = planned.get(planned.size() - 1);
            assertTrue(Math.abs(nextDelay - Duration.ofHours(1).toMillis()) < 5_000, "an hour after the last: " + nextDelay);
            try (var zip = new java.util.zip.ZipFile(kept.get(0).path().toFile())) {
                assertTrue(zip.getEntry(dossier.backup.control.BackupArchive.DATABASE) != null, "a real database snapshot");
            }
            assertTrue(Files.exists(data.resolve("backups")));
        } finally {
            Logger.getLogger(BackupClock.class.getName()).removeHandler(handler);
        }
    }

    @Test
    void aScheduleOnTheLastArchiveOfAnEarlierRunSurvivesARestart(@TempDir Path data) throws Exception {
        Path folder = Files.createDirectories(data.resolve("backups"));
        Instant fourHoursAgo = Instant.now().minus(Duration.ofHours(4));
        Files.writeString(folder.resolve("dossier-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneOffset.UTC).format(fourHoursAgo) + "-scheduled.zip"), "an archive");
        Backups backups = new Backups();
        backups.dataDir = data.toString();
        backups.dbUrl = "jdbc:h2:file:" + data.resolve("db/dossier");
        BackupClock cut = new BackupClock();
        cut.backups = backups;
        cut.scheduler = recordingScheduler();
        cut.interval = "24";
        cut.keep = "7";
        cut.onStart(null);
        long delay = planned.get(0);
        assertTrue(Math.abs(delay - Duration.ofHours(20).toMillis()) < 5_000, "20 hours from now: " + delay);
        assertTrue(cut.last().orElseThrow().succeeded(), "the last one is the archive on disk");
    }
}
