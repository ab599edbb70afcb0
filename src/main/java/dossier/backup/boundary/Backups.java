package dossier.backup.boundary;

import dossier.audit.boundary.AuditLog;
import dossier.backup.control.Amounts;
import dossier.backup.control.BackupArchive;
import dossier.backup.control.BackupFolder;
import dossier.backup.control.H2Backup;
import dossier.backup.control.H2Database;
import dossier.media.control.MediaStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Backups of the embedded H2 database together with the uploaded files, one zip each, into
 * {@code <data dir>/backups}: on an administrator's request and on a schedule ({@link BackupClock}). One backup
 * is written at a time. PostgreSQL is backed up with its own tools ({@code pg_dump}; see the README), which the
 * site does not pretend to replace.
 */
@ApplicationScoped
public class Backups {

    private static final Logger LOG = Logger.getLogger(Backups.class.getName());

    /** A backup that could not be written, with the reason an administrator can act on. */
    public static class Failed extends RuntimeException {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Resource(lookup = "java:app/jdbc/dossier")
    DataSource dataSource;

    @Inject
    AuditLog audit;

    /** Itself through its proxy, so that {@link #audited} runs in a transaction of its own. */
    @Inject
    Backups self;

    @Inject
    @ConfigProperty(name = "dossier.data.dir", defaultValue = "./data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "dossier.db.url")
    String dbUrl;

    private final ReentrantLock writing = new ReentrantLock();

    public boolean isSupported() {
        return H2Backup.isH2(dbUrl);
    }

    /** An administrator's backup, written now, with its line in the audit log. Never deleted by the schedule. */
    public BackupFolder.Archive backUp(String who) {
        BackupFolder.Archive archive = write(BackupFolder.Kind.MANUAL);
        self.audited(who, archive);
        return archive;
    }

    /** The scheduled backup: written, then the scheduled archives beyond the newest {@code keep} are deleted. */
    public BackupFolder.Archive backUpOnSchedule(int keep) {
        BackupFolder.Archive archive = write(BackupFolder.Kind.SCHEDULED);
        try {
            for (BackupFolder.Archive old : BackupFolder.expired(folder().archives(), keep)) {
                Files.deleteIfExists(old.path());
                LOG.info(() -> "Deleted the backup " + old.name() + " (scheduled backups kept: the newest " + keep + ")");
            }
        } catch (IOException e) {
            throw new Failed("The backup " + archive.name() + " was written, but older ones could not be deleted: " + e.getMessage(), e);
        }
        return archive;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void audited(String who, BackupFolder.Archive archive) {
        audit.record(who, "backup", archive.name(), Amounts.size(archive.bytes()));
    }

    private BackupFolder.Archive write(BackupFolder.Kind kind) {
        if (!isSupported()) {
            throw new IllegalStateException("This site runs on PostgreSQL: back it up with pg_dump (see the README).");
        }
        writing.lock();
        try {
            long started = System.nanoTime();
            BackupFolder folder = folder();
            MediaStore media = media();
            folder.checkRoom(databaseBytes(), mediaBytes(media));
            BackupFolder.Archive archive = BackupArchive.write(folder, kind, Instant.now(), new H2Database(dataSource)::scriptTo, media);
            LOG.info(() -> String.format(Locale.ROOT, "Backed up the database and the uploaded files to %s (%s) in %.1f s",
                    archive.path(), Amounts.size(archive.bytes()), (System.nanoTime() - started) / 1e9));
            return archive;
        } catch (IOException | SQLException e) {
            throw new Failed("The backup could not be written: " + e.getMessage(), e);
        } finally {
            writing.unlock();
        }
    }

    /** The database's files on disk, when it lies in the data folder (as it does unless configured elsewhere). */
    private long databaseBytes() throws IOException {
        Path folder = Path.of(dataDir, "db");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var files = Files.list(folder)) {
            long bytes = 0;
            for (Path p : (Iterable<Path>) files::iterator) {
                bytes += Files.isRegularFile(p) ? Files.size(p) : 0;
            }
            return bytes;
        }
    }

    private static long mediaBytes(MediaStore media) throws IOException {
        long bytes = 0;
        for (String relative : media.files()) {
            bytes += Files.size(media.resolve(relative));
        }
        return bytes;
    }

    BackupFolder folder() {
        return new BackupFolder(Path.of(dataDir));
    }

    private MediaStore media() {
        return new MediaStore(Path.of(dataDir, MediaStore.FOLDER));
    }

    /** The complete archives, newest first. */
    public List<BackupFolder.Archive> existing() {
        try {
            return folder().archives();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes what a backup interrupted by a stop left behind; answers how many files. */
    int removeLeftovers() {
        try {
            return folder().removeLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
