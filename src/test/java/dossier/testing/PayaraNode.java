package dossier.testing;

import java.time.Duration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import static dossier.testing.Polling.eventually;


/**
 * The real WAR in a Payara Micro process of its own, started and killed as an operator would: for tests of
 * clusters and crashes, which Arquillian's one managed server per class cannot do. The node's log goes to
 * {@code <folder>/<name>.log}.
 */
public final class PayaraNode {

    public static final String ADMIN = "chief";
    public static final String ADMIN_PASSWORD = "chief-editor-secret-42";

    private final String name;
    private final Path folder;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> options;
    private final List<String> jvmOptions = new ArrayList<>();
    private Process process;
    /** How many content imports the log told of before this start. */
    private long importsBefore;

    /**
     * @param environment DOSSIER_* settings on top of the test defaults (data folder {@code <folder>/<name>},
     *                    the test content, the test administrator, semantic search off); {@code {port}} in a value is the node's port
     * @param options     Payara Micro options besides deploy, port and name
     */
    public PayaraNode(String name, Path folder, Map<String, String> environment, List<String> options) throws IOException {
        this.name = name;
        this.folder = folder;
        this.port = PostgresCluster.freePort();
        this.environment = Map.copyOf(environment);
        this.options = List.copyOf(options);
    }

    public String name() {
        return name;
    }

    /** Options for the node's JVM (system properties such as a trust store), before it starts. */
    public PayaraNode withJvmOptions(List<String> more) {
        jvmOptions.addAll(more);
        return this;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The node's JVM process, to read what it has loaded ({@code /proc/<pid>/maps}). */
    public long pid() {
        return process.pid();
    }

    public Path log() {
        return folder.resolve(name + ".log");
    }

    public void start() throws IOException {
        Path data = folder.resolve(name);
        Files.createDirectories(data);
        importsBefore = importsLogged();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:+UseSerialGC",
                // As in arquillian.xml: the quick compiler only, and no verification of the server's own jars.
                "-XX:TieredStopAtLevel=1", "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote",
                "-Dhazelcast.socket.bind.any=false"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", Path.of("target/payara-micro.jar").toAbsolutePath().toString(),
                "--deploy", Path.of("target/ROOT.war").toAbsolutePath().toString(),
                "--port", String.valueOf(port), "--name", name, "--disablephonehome",
                // As shipped: the port opens only once the application is deployed.
                "--prebootcommandfile", Path.of("src/main/payara/preboot.asadmin").toAbsolutePath().toString(),
                "--postdeploycommandfile", Path.of("src/main/payara/postdeploy.asadmin").toAbsolutePath().toString()));
        command.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("DOSSIER_DATA_DIR", data.toString());
        env.put("DOSSIER_CONTENT_DIR", Path.of("target/it-content").toAbsolutePath().toString());
        env.put("DOSSIER_TRUSTED_PROXIES", "127.0.0.1");
        env.put("DOSSIER_LOGIN_ADDRESS_LIMIT", "1000");
        env.put("DOSSIER_REGISTER_ADDRESS_LIMIT", "100000");
        env.put("DOSSIER_ADMIN_USERNAME", ADMIN);
        env.put("DOSSIER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("DOSSIER_PASSWORD_ITERATIONS", "1000"); // as in the pom: logins cost the tests no CPU to speak of
        // These nodes test clusters, crashes, mail and sign-in. Semantic search (on by default) is tested on
        // SystemIT's server and by SemanticSwitchIT, which switch it on; here its background embedding of every
        // node's passages would only take the two cores the tests and the other nodes run on.
        env.put("DOSSIER_SEARCH_SEMANTIC", "false");
        env.putAll(environment);
        env.replaceAll((key, value) -> value.replace("{port}", String.valueOf(port))); // e.g. the base URL
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        process = pb.start();
    }

    /**
     * Seconds until the node answers its readiness check, and then waits until it has imported its content folder
     * (which it does in the background after it opened its port), so that the test finds the folder's articles;
     * fails the test if it stops or takes over 240 s for either.
     */
    public double awaitReady() throws Exception {
        double seconds = awaitListening();
        awaitImported(Duration.ofSeconds(240));
        return seconds;
    }

    /**
     * Waits until this start's import of the content folder has ended and search finds every article a reader sees;
     * fails the test after the limit.
     */
    public void awaitImported(Duration limit) throws Exception {
        if (!eventually(limit, () -> importsLogged() > importsBefore)) {
            throw new AssertionError(name + " did not finish importing its content folder in " + limit + "; see " + log());
        }
        // The index takes in the last chunk within a moment; tests that search wait for what they look for themselves.
        eventually(Duration.ofSeconds(30), () -> searchCaughtUp(uri("/")));
    }

    /** Search finds as many articles as the list of articles has for a reader: the index has caught up. */
    public static boolean searchCaughtUp(URI site) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Void> listed = http.send(HttpRequest.newBuilder(site.resolve("/api/articles?limit=1")).build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> found = http.send(HttpRequest.newBuilder(site.resolve("/api/search?q=-zqxjvwk&limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("\"total\":(\\d+)").matcher(found.body());
        return listed.statusCode() == 200 && found.statusCode() == 200 && total.find()
                && listed.headers().firstValueAsLong("X-Total-Count").orElse(-1) == Long.parseLong(total.group(1));
    }

    /** Content imports that ended ("Content import from ...") in the node's log, of all its starts. */
    private long importsLogged() throws IOException {
        if (!Files.exists(log())) {
            return 0;
        }
        try (var lines = Files.lines(log(), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("Content import from ")).count();
        }
    }

    /** Seconds until the node answers its readiness check; fails the test if it stops or takes over 240 s. */
    public double awaitListening() throws Exception {
        long start = System.nanoTime();
        HttpClient http = HttpClient.newHttpClient();
        boolean ready = eventually(Duration.ofSeconds(240), () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " stopped while starting; see " + log());
            }
            try {
                return http.send(HttpRequest.newBuilder(uri("/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException notYet) {
                return false; // not listening yet
            }
        });
        if (!ready) {
            throw new AssertionError(name + " did not become ready in 240 s; see " + log());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, the cluster gets no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * How the node's JVM ended after {@link #stop()}: 143 for a clean stop on SIGTERM (its shutdown hooks ran), 134
     * when it crashed (SIGABRT, with an {@code hs_err_pid<pid>.log} in the working folder); null while it runs.
     */
    public Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    /** SIGTERM, as an operator's restart sends: the node drains its requests and stops (SIGKILL after 90 s). */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Deletes a folder and everything in it, for a fresh start of a test that launches nodes. */
    public static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }
}
