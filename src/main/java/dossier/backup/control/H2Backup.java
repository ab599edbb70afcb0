package dossier.backup.control;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * H2's online backup: {@code BACKUP TO 'file.zip'} copies the database into a zip while the site keeps running
 * (it takes a consistent snapshot). Restoring is unzipping it into an empty database folder.
 */
public final class H2Backup {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private H2Backup() {
    }

    public static boolean isH2(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:");
    }

    /** Where a backup made now goes: {@code <data dir>/backups/dossier-20261129-101500.zip}. */
    public static Path target(Path dataDir, Instant now) {
        return dataDir.resolve("backups").resolve("dossier-" + STAMP.format(now) + ".zip").toAbsolutePath().normalize();
    }

    /** The statement that writes it; the path is ours, quoted as an SQL string all the same. */
    public static String statement(Path zip) {
        return "BACKUP TO '" + zip.toString().replace("'", "''") + "'";
    }
}
