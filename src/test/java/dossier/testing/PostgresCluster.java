package dossier.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for one test run: initdb into a temporary folder, start on a free
 * loopback port, drop everything on {@link #close()}. Uses the server binaries the machine has
 * (PostgreSQL 15 on Debian); runs them as the {@code postgres} user when the tests run as root.
 * Tests in one JVM share one cluster ({@link #shared()}), each with databases of its own ({@link #newDatabase()}):
 * a cluster costs seconds to create, a database a fraction of one.
 */
public final class PostgresCluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostgresCluster.class.getName());
    private final Path dir;
    private final Path bin;
    private final int port;

    private PostgresCluster(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    public static PostgresCluster start() throws IOException, InterruptedException {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("dossier-pg-");
        int port = freePort();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
        }
        PostgresCluster cluster = new PostgresCluster(dir, bin, port);
        Path data = dir.resolve("data");
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--no-sync"), root);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l", dir.resolve("log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off", "start"), root);
        LOG.info(() -> "PostgreSQL test cluster on 127.0.0.1:" + port);
        return cluster;
    }

    private static PostgresCluster shared;

    /** The cluster of this JVM's tests, started on first use and dropped when the JVM ends. */
    public static synchronized PostgresCluster shared() throws IOException, InterruptedException {
        if (shared == null) {
            PostgresCluster cluster = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception e) {
                    LOG.warning(() -> "Could not drop the PostgreSQL test cluster: " + e);
                }
            }));
            shared = cluster;
        }
        return shared;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A new, empty database of this cluster, owned by {@code postgres}: its name. */
    public String newDatabase() throws java.sql.SQLException {
        String name = "t_" + java.util.UUID.randomUUID().toString().replace("-", "");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), "postgres", "");
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** The JDBC URL of one database of this cluster. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A PostgreSQL client tool of the same version as the server (pg_dump, pg_restore, createdb). */
    public Path tool(String name) {
        return bin.resolve(name);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"), root);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path binaries() {
        for (String version : List.of("17", "16", "15", "14")) {
            Path bin = Path.of("/usr/lib/postgresql", version, "bin");
            if (Files.isExecutable(bin.resolve("pg_ctl"))) {
                return bin;
            }
        }
        throw new IllegalStateException("No PostgreSQL server binaries under /usr/lib/postgresql: apt-get install postgresql");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("Failed: " + String.join(" ", full) + "\n" + out);
        }
    }
}
