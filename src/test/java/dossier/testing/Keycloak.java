package dossier.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dossier.testing.Polling.eventually;

/**
 * A real Keycloak (its Quarkus server distribution, unpacked by the Maven profile {@code sso} into
 * {@code keycloak.home}) in development mode on a free loopback port, with a realm imported at start, run on the
 * JDK of {@code keycloak.java} (Keycloak needs Java 21 or newer). Its log goes to {@code <folder>/keycloak.log}.
 * The admin REST API is reached with the bootstrap administrator.
 */
public final class Keycloak implements AutoCloseable {

    static final String ADMIN = "kc-admin";
    static final String ADMIN_PASSWORD = "kc-admin-password";

    private final Path home;
    private final Path folder;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Process process;

    private Keycloak(Path home, Path folder, int port) {
        this.home = home;
        this.folder = folder;
        this.port = port;
    }

    /** Starts Keycloak with this realm file (a fresh database each time); call {@link #awaitReady} before use. */
    public static Keycloak start(Path realmFile, Path folder) throws IOException {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.4.7")).toAbsolutePath();
        Path java = Path.of(System.getProperty("keycloak.java", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak at " + home + ": run the tests with the Maven profile sso (mvn verify -Psso)");
        }
        if (!Files.isExecutable(java.resolve("bin/java"))) {
            throw new IllegalStateException("Keycloak needs a Java 21+ JDK at " + java + " (set -Dkeycloak.java=<JDK folder>)");
        }
        PayaraNode.clean(home.resolve("data"));
        Files.createDirectories(home.resolve("data/import"));
        Files.copy(realmFile, home.resolve("data/import").resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(folder);
        Keycloak kc = new Keycloak(home, folder, PostgresCluster.freePort());
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                "--http-port=" + kc.port, "--http-host=127.0.0.1", "--hostname-strict=false",
                // Management interface and cache cluster stay off: nothing else listens.
                "--health-enabled=false", "--cache=local");
        pb.environment().put("JAVA_HOME", java.toString());
        pb.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED -XX:TieredStopAtLevel=1");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("keycloak.log").toFile()));
        kc.process = pb.start();
        return kc;
    }

    /** Seconds until the realm's discovery document answers; fails if Keycloak stops or takes over 5 minutes. */
    public double awaitReady(String realm) throws Exception {
        long start = System.nanoTime();
        boolean ready = eventually(Duration.ofMinutes(5), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("Keycloak stopped while starting; see " + folder.resolve("keycloak.log"));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(issuer(realm) + "/.well-known/openid-configuration")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        if (!ready) {
            throw new AssertionError("Keycloak did not answer in 5 minutes; see " + folder.resolve("keycloak.log"));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    public String issuer(String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    /** Puts the realm's user into a group ({@code true}) or takes them out of it, through the admin REST API. */
    public void member(String realm, String username, String group, boolean member) throws Exception {
        String token = adminToken();
        JsonArray users = getJson(token, "/admin/realms/" + realm + "/users?exact=true&username=" + enc(username)).asJsonArray();
        JsonArray groups = getJson(token, "/admin/realms/" + realm + "/groups?exact=true&search=" + enc(group)).asJsonArray();
        String userId = users.getJsonObject(0).getString("id");
        String groupId = groups.stream().map(g -> g.asJsonObject()).filter(g -> g.getString("name").equals(group))
                .findFirst().orElseThrow().getString("id");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/admin/realms/" + realm + "/users/" + userId
                + "/groups/" + groupId)).header("Authorization", "Bearer " + token);
        int status = http.send((member ? request.PUT(HttpRequest.BodyPublishers.noBody()) : request.DELETE()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 204) {
            throw new IllegalStateException("Keycloak answered " + status + " to a change of " + username + "'s groups");
        }
    }

    private String adminToken() throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(ADMIN) + "&password=" + enc(ADMIN_PASSWORD);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("no admin token from Keycloak: " + answer.statusCode() + " " + answer.body());
        }
        return Json.createReader(new StringReader(answer.body())).readObject().getString("access_token");
    }

    private jakarta.json.JsonValue getJson(String token, String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + answer.statusCode());
        }
        return Json.createReader(new StringReader(answer.body())).readValue();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
