package dossier.backup.boundary;

import dossier.audit.boundary.AuditLog;
import dossier.backup.control.H2Backup;
import dossier.backup.control.H2Database;
import dossier.backup.control.Restore;
import dossier.media.control.MediaStore;
import dossier.site.control.DatabaseSchema;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operator's restore: with the site stopped, a file {@code <data dir>/restore-from} naming an archive; at the
 * next start the archive is put back ({@link Restore}) before the schema migration and everything else of the
 * site, and the audit log says so once the schema is there. (The server itself has opened the database by then,
 * to check the persistence unit: so the restore goes through the site's own connections, never behind their back
 * by moving files.) A restore asked for that cannot be done stops the start: a site that came up on the data it
 * was asked to replace would take new writes into the wrong database.
 */
@ApplicationScoped
public class RestoreAtStart {

    private static final Logger LOG = Logger.getLogger(RestoreAtStart.class.getName());

    @Inject
    @ConfigProperty(name = "dossier.data.dir", defaultValue = "./data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "dossier.db.url")
    String dbUrl;

    @Resource(lookup = "java:app/jdbc/dossier")
    DataSource dataSource;

    @Inject
    AuditLog audit;

    @Inject
    RestoreAtStart self;

    private volatile Restore.Done done;

    void restore(@Observes @Priority(DatabaseSchema.BEFORE_MIGRATION) @Initialized(ApplicationScoped.class) Object event) {
        Path data = Path.of(dataDir);
        Restore restore = new Restore(data, new MediaStore(data.resolve(MediaStore.FOLDER)));
        Path request = data.resolve(Restore.REQUEST).toAbsolutePath().normalize();
        try {
            Optional<Path> archive = restore.requested();
            if (archive.isEmpty()) {
                return;
            }
            if (!H2Backup.isH2(dbUrl)) {
                throw new IOException("this site's database is not the embedded H2 (dossier.db.url): restore PostgreSQL"
                        + " with pg_restore (see the README)");
            }
            LOG.info(() -> "Restoring the backup " + archive.get() + ", as " + request + " asks");
            long started = System.nanoTime();
            done = restore.run(archive.get(), Instant.now(), new H2Database(dataSource));
            LOG.info(() -> String.format(java.util.Locale.ROOT, "%s (in %.1f s)", done.describe(), (System.nanoTime() - started) / 1e9));
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "The restore that " + request + " asks for failed, so the site does not start: " + e.getMessage()
                    + ". The database is emptied only once the archive is found sound, and saved before that in backups/."
                    + " Correct " + request + " (or delete it to start on the present data).", e);
            throw new IllegalStateException("The restore asked for in " + request + " failed: " + e.getMessage(), e);
        }
    }

    void recordInAuditLog(@Observes @Priority(DatabaseSchema.AFTER_MIGRATION) @Initialized(ApplicationScoped.class) Object event) {
        if (done != null) {
            self.record(done);
        }
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void record(Restore.Done restored) {
        audit.record("operator", "backup.restore", restored.archive().getFileName().toString(), restored.describe());
    }
}
