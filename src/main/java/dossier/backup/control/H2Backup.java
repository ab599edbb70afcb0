package dossier.backup.control;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * H2's online backup: {@code BACKUP TO 'file.zip'} copies the database into a zip while the site keeps running
 * (a transactionally consistent snapshot). Restoring is putting its {@code .mv.db} file back in place of the
 * database's, with the site stopped.
 */
public final class H2Backup {

    private H2Backup() {
    }

    public static boolean isH2(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:");
    }

    /**
     * The database an embedded H2 address names, as H2 writes it: {@code jdbc:h2:file:./data/db/dossier;…} is
     * {@code ./data/db/dossier}, whose data lies in {@code ./data/db/dossier.mv.db}. Empty for a database in memory
     * or on a server, a path under the home folder ({@code ~}), and any other database.
     */
    public static Optional<Path> databaseFile(String jdbcUrl) {
        if (!isH2(jdbcUrl)) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            rest = rest.substring(0, semicolon);
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")
                || lower.startsWith("zip:") || lower.matches("^[a-z]{2,}:.*")) {
            return Optional.empty();
        }
        if (rest.isBlank() || rest.startsWith("~")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(rest).toAbsolutePath().normalize());
    }

    /** The statement that writes it; the path is ours, quoted as an SQL string all the same. */
    public static String statement(Path zip) {
        return "BACKUP TO '" + zip.toString().replace("'", "''") + "'";
    }
}
