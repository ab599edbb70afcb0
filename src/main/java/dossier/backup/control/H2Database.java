package dossier.backup.control;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The site's embedded H2 database, through its own data source: written out as an SQL script from one consistent
 * snapshot while the site goes on writing, and replaced by such a script. A connection whose session was set to
 * the snapshot level is set back as it was before it returns to the pool.
 */
public final class H2Database implements Restore.Database {

    private final DataSource dataSource;

    public H2Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean isEmpty() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet tables = s.executeQuery(H2Backup.COUNT_TABLES)) {
            return tables.next() && tables.getLong(1) == 0;
        }
    }

    @Override
    public void scriptTo(Path script) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            s.execute(H2Backup.SNAPSHOT);
            try {
                c.setAutoCommit(false);
                s.execute(H2Backup.script(script));
                c.commit();
            } finally {
                c.setAutoCommit(autoCommit);
                c.setTransactionIsolation(isolation);
            }
        }
    }

    @Override
    public void replaceWith(Path script) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(H2Backup.DROP_EVERYTHING);
            s.execute(H2Backup.runScript(script));
        }
    }
}
