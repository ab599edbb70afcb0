package dossier.backup.control;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class H2BackupTest {

    private static JdbcDataSource memory() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        db.setUser("dossier");
        db.setPassword("dossier");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE article(id INT PRIMARY KEY); CREATE TABLE comment(id INT PRIMARY KEY, article INT REFERENCES article(id));"
                    + " INSERT INTO article VALUES 1; INSERT INTO comment VALUES (1, 1)");
        }
        return db;
    }

    /**
     * The script is one moment of the whole database: an article and its comment committed together while the
     * script is being written are both in it or both not, whichever table the script reads first.
     */
    @Test
    void theScriptIsOneMomentOfEveryTable(@TempDir Path dir) throws Exception {
        JdbcDataSource db = memory();
        Path script = dir.resolve("dossier.sql");
        try (Connection backup = db.getConnection(); Statement s = backup.createStatement();
             Connection site = db.getConnection(); Statement writes = site.createStatement()) {
            s.execute(H2Backup.SNAPSHOT);
            backup.setAutoCommit(false);
            s.executeQuery("SELECT COUNT(*) FROM article").close(); // the transaction has begun, with one table read
            writes.execute("INSERT INTO article VALUES 2; INSERT INTO comment VALUES (2, 2)");
            s.execute(H2Backup.script(script));
            backup.commit();
        }
        String sql = Files.readString(script).replaceAll("\\s+", " ");
        assertTrue(sql.contains("INSERT INTO \"PUBLIC\".\"COMMENT\" VALUES (1, 1);"), sql);
        assertFalse(sql.contains("(2)") || sql.contains("(2, 2)"), "neither row of the later commit: " + sql);
    }

    @Test
    void aScriptRunIntoAnEmptiedDatabaseBringsEverythingBack(@TempDir Path dir) throws Exception {
        JdbcDataSource source = memory();
        Path script = dir.resolve("it's.sql");
        new H2Database(source).scriptTo(script);
        JdbcDataSource target = new JdbcDataSource();
        target.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        target.setUser("dossier");
        target.setPassword("dossier");
        H2Database restored = new H2Database(target);
        assertTrue(restored.isEmpty());
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE leftover(id INT); INSERT INTO leftover VALUES 7");
        }
        assertFalse(restored.isEmpty());
        restored.replaceWith(script);
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            var rows = s.executeQuery("SELECT COUNT(*) FROM comment c JOIN article a ON a.id = c.article");
            rows.next();
            assertEquals(1, rows.getInt(1));
            var tables = s.executeQuery(H2Backup.COUNT_TABLES);
            tables.next();
            assertEquals(2, tables.getInt(1), "what was there before is gone");
            var level = s.executeQuery("SELECT ISOLATION_LEVEL FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()");
            level.next();
            assertEquals("READ COMMITTED", level.getString(1));
        }
    }

    @Test
    void aConnectionGoesBackToThePoolAsItCame() throws Exception {
        JdbcDataSource db = memory();
        try (Connection pooled = db.getConnection()) {
            H2Database cut = new H2Database(new javax.sql.DataSource() {
                @Override public Connection getConnection() { return unclosable(pooled); }
                @Override public Connection getConnection(String u, String p) { return unclosable(pooled); }
                @Override public java.io.PrintWriter getLogWriter() { return null; }
                @Override public void setLogWriter(java.io.PrintWriter out) { }
                @Override public void setLoginTimeout(int seconds) { }
                @Override public int getLoginTimeout() { return 0; }
                @Override public java.util.logging.Logger getParentLogger() { return null; }
                @Override public <T> T unwrap(Class<T> iface) { return null; }
                @Override public boolean isWrapperFor(Class<?> iface) { return false; }
            });
            cut.scriptTo(Files.createTempFile("dossier", ".sql"));
            assertTrue(pooled.getAutoCommit());
            try (Statement s = pooled.createStatement();
                 var level = s.executeQuery("SELECT ISOLATION_LEVEL FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()")) {
                level.next();
                assertEquals("READ COMMITTED", level.getString(1));
            }
        }
    }

    /** The pool's connection: closing it hands it back instead. */
    private static Connection unclosable(Connection c) {
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(H2BackupTest.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> method.getName().equals("close") ? null : method.invoke(c, args));
    }

    @Test
    void thePathIsQuotedAsAnSqlString() {
        assertEquals("SCRIPT TO '/tmp/o''brien/x.sql' CHARSET 'UTF-8'", H2Backup.script(Path.of("/tmp/o'brien/x.sql")));
        assertEquals("RUNSCRIPT FROM '/tmp/o''brien/x.sql' CHARSET 'UTF-8'", H2Backup.runScript(Path.of("/tmp/o'brien/x.sql")));
    }
}
