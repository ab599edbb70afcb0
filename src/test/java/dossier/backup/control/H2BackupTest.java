package dossier.backup.control;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class H2BackupTest {

    @Test
    void theDatabaseFileOfAnEmbeddedAddress() {
        assertEquals(Optional.of(Path.of("/srv/dossier/data/db/dossier")),
                H2Backup.databaseFile("jdbc:h2:file:/srv/dossier/data/db/dossier;WRITE_DELAY=0"));
        assertEquals(Optional.of(Path.of("data/db/dossier").toAbsolutePath()), H2Backup.databaseFile("jdbc:h2:./data/db/dossier"));
        assertEquals(Optional.empty(), H2Backup.databaseFile("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1"));
        assertEquals(Optional.empty(), H2Backup.databaseFile("jdbc:h2:tcp://db.internal/dossier"));
        assertEquals(Optional.empty(), H2Backup.databaseFile("jdbc:h2:~/dossier"));
        assertEquals(Optional.empty(), H2Backup.databaseFile("jdbc:postgresql://db.internal/dossier"));
    }

    @Test
    void thePathIsQuotedAsAnSqlString() {
        assertEquals("BACKUP TO '/tmp/o''brien/x.zip'", H2Backup.statement(Path.of("/tmp/o'brien/x.zip")));
    }
}
