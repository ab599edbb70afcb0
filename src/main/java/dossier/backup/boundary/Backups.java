package dossier.backup.boundary;

import dossier.audit.boundary.AuditLog;
import dossier.backup.control.H2Backup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Online backups of the embedded H2 database into {@code <data dir>/backups}. PostgreSQL is backed up with
 * its own tools ({@code pg_dump}; see the README), which the site does not pretend to replace.
 */
@ApplicationScoped
public class Backups {

    private static final Logger LOG = Logger.getLogger(Backups.class.getName());

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "dossier.data.dir", defaultValue = "./data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "dossier.db.url")
    String dbUrl;

    public boolean isSupported() {
        return H2Backup.isH2(dbUrl);
    }

    /** Writes a backup now and returns its file. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Path backUp(String who) {
        if (!isSupported()) {
            throw new IllegalStateException("This site runs on PostgreSQL: back it up with pg_dump (see the README).");
        }
        Path zip = H2Backup.target(Path.of(dataDir), Instant.now());
        try {
            Files.createDirectories(zip.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + zip.getParent(), e);
        }
        em.createNativeQuery(H2Backup.statement(zip)).executeUpdate();
        audit.record(who, "backup", zip.getFileName().toString(), zip.toString());
        LOG.info(() -> "Database backed up to " + zip);
        return zip;
    }

    /** The backups made so far, newest first. */
    public List<Path> existing() {
        Path dir = Path.of(dataDir).resolve("backups");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".zip"))
                    .sorted(java.util.Comparator.comparing(Path::getFileName).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
