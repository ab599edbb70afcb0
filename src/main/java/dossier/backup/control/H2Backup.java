package dossier.backup.control;

import java.nio.file.Path;

/**
 * H2's own statements for a logical backup: {@code SCRIPT TO} writes the whole database (schema, rows, sequences)
 * as SQL, and in a transaction at the {@code SNAPSHOT} isolation level it writes every table as of one moment
 * while the site goes on writing. {@code RUNSCRIPT FROM} reads it back into an emptied database. A script also
 * outlives H2's file format, which changes between H2 versions.
 */
public final class H2Backup {

    /** Every table read in the transaction as of its first statement (checked in {@code H2BackupTest}). */
    public static final String SNAPSHOT = "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT";
    /** Whether the database holds anything of the site yet. */
    public static final String COUNT_TABLES = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'";
    public static final String DROP_EVERYTHING = "DROP ALL OBJECTS";

    private H2Backup() {
    }

    public static boolean isH2(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:");
    }

    /** The statement that writes the script, in UTF-8; the path is ours, quoted as an SQL string all the same. */
    public static String script(Path sql) {
        return "SCRIPT TO " + quoted(sql) + " CHARSET 'UTF-8'";
    }

    public static String runScript(Path sql) {
        return "RUNSCRIPT FROM " + quoted(sql) + " CHARSET 'UTF-8'";
    }

    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
