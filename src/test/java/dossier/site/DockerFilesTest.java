package dossier.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks the files of {@code docker/} without a Docker engine: the compose file is parsed with SnakeYAML's
 * safe loader and compared with the application's configuration keys; the Dockerfile is read as text.
 * Paths are relative to Maven's working directory, the repository root.
 */
class DockerFilesTest {

    static final Path DOCKER = Path.of("docker");
    static final Path COMPOSE = DOCKER.resolve("compose.yaml");
    static final Path DOCKERFILE = DOCKER.resolve("Dockerfile");
    static final Path CONFIG = Path.of("src/main/resources/META-INF/microprofile-config.properties");

    static Map<String, Object> compose;

    @BeforeAll
    static void parseCompose() throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (Reader in = Files.newBufferedReader(COMPOSE, StandardCharsets.UTF_8)) {
            Object root = yaml.load(in);
            assertInstanceOf(Map.class, root, "compose.yaml must be a YAML mapping");
            compose = map(root, "compose.yaml");
        }
    }

    // ---- compose.yaml ---------------------------------------------------------------------------------

    @Test
    void composeFileParsesAsYamlMapping() {
        assertNotNull(compose);
        assertFalse(compose.isEmpty());
    }

    @Test
    void composeDefinesDbAndAppServices() {
        Map<String, Object> services = services();
        assertTrue(services.containsKey("db"), "service db: " + services.keySet());
        assertTrue(services.containsKey("app"), "service app: " + services.keySet());
        assertEquals("postgres:15", service("db").get("image"));
    }

    @Test
    void everyDossierVariableOfAppMatchesAConfigurationKey() throws IOException {
        Set<String> variablesOfKeys = configKeys().stream()
                .map(DockerFilesTest::environmentVariableOf)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> dossierVariables = appEnvironment().keySet().stream()
                .filter(name -> name.startsWith("DOSSIER_"))
                .toList();

        assertFalse(dossierVariables.isEmpty(), "the app sets no DOSSIER_* variable");
        List<String> unknown = new ArrayList<>();
        for (String name : dossierVariables) {
            if (!variablesOfKeys.contains(name)) {
                unknown.add(name);
            }
        }
        assertTrue(unknown.isEmpty(), "no configuration key for " + unknown + "; known: " + variablesOfKeys);
    }

    @Test
    void environmentVariableRuleMapsHyphenatedAndDottedKeys() {
        assertEquals("DOSSIER_DB_URL", environmentVariableOf("dossier.db.url"));
        assertEquals("DOSSIER_BASE_URL", environmentVariableOf("dossier.base-url"));
    }

    @Test
    void appSelectsPostgresDriverAndPointsAtDbService() {
        Map<String, String> env = appEnvironment();
        assertEquals("org.postgresql.ds.PGSimpleDataSource", env.get("DOSSIER_DB_DRIVER"));

        String url = env.get("DOSSIER_DB_URL");
        assertNotNull(url, "DOSSIER_DB_URL");
        assertTrue(url.startsWith("jdbc:postgresql://"), url);
        URI uri = URI.create(url.substring("jdbc:".length()));
        assertEquals("db", uri.getHost(), url);
        assertTrue(services().containsKey(uri.getHost()), "the URL's host is a service of the compose file");
        Object dbName = map(service("db").get("environment"), "db environment").get("POSTGRES_DB");
        assertEquals("/" + dbName, uri.getPath(), "the app uses the database that db creates");
    }

    @Test
    void databasePasswordIsRequiredFromEnvironmentAndNotWrittenInFile() {
        String pattern = "\\$\\{DOSSIER_DB_PASSWORD:\\?[^}]*}";
        String appPassword = appEnvironment().get("DOSSIER_DB_PASSWORD");
        assertNotNull(appPassword, "DOSSIER_DB_PASSWORD");
        assertTrue(appPassword.matches(pattern), "app password: " + appPassword);
        Object dbPassword = map(service("db").get("environment"), "db environment").get("POSTGRES_PASSWORD");
        assertTrue(String.valueOf(dbPassword).matches(pattern), "db password: " + dbPassword);
    }

    @Test
    void appStartsOnlyWhenDbIsHealthy() {
        Object dependsOn = service("app").get("depends_on");
        Map<String, Object> db = map(map(dependsOn, "app depends_on").get("db"), "app depends_on db");
        assertEquals("service_healthy", db.get("condition"));
        assertNotNull(service("db").get("healthcheck"), "db needs a healthcheck to become healthy");
        assertTrue(String.valueOf(map(service("db").get("healthcheck"), "db healthcheck").get("test"))
                .contains("pg_isready"));
    }

    @Test
    void appIsBuiltFromTheDockerfileWithRepositoryRootAsContext() {
        Map<String, Object> build = map(service("app").get("build"), "app build");
        Path context = DOCKER.resolve(String.valueOf(build.get("context"))).normalize();
        assertEquals(Path.of(""), context, "context is the repository root");
        Path dockerfile = context.resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile")));
        assertEquals(DOCKERFILE.normalize(), dockerfile.normalize());
    }

    @Test
    void appChecksReadinessEndpoint() {
        Object test = map(service("app").get("healthcheck"), "app healthcheck").get("test");
        assertTrue(String.valueOf(test).contains(":8080/health/ready"), String.valueOf(test));
    }

    @Test
    void twoClusteredAppNodesBehindAHealthCheckedProxy() throws IOException {
        Map<String, Object> deploy = map(service("app").get("deploy"), "app deploy");
        assertEquals(2, deploy.get("replicas"));
        String command = String.valueOf(service("app").get("command"));
        assertTrue(command.contains("--clustermode") && command.contains("dns:app:"), "app command: " + command);
        assertFalse(command.contains("--nocluster") || command.contains("--nohazelcast"), "the nodes must cluster for shared sessions");
        assertTrue(command.contains("--disablephonehome"), command);
        Map<String, Object> proxy = service("proxy");
        assertNotNull(proxy.get("healthcheck"), "proxy healthcheck");
        assertTrue(String.valueOf(proxy.get("volumes")).contains("./nginx.conf:/etc/nginx/nginx.conf"), "proxy uses docker/nginx.conf");
        String conf = Files.readString(DOCKER.resolve("nginx.conf"));
        assertTrue(conf.contains("server app:8080"), "proxies to the app service");
        assertTrue(String.valueOf(proxy.get("volumes")).contains("./dossier-locations.conf:/etc/nginx/dossier-locations.conf"),
                "proxy gets the locations that the cluster test uses");
        assertTrue(conf.contains("include /etc/nginx/dossier-locations.conf;"), "includes the tested locations");
        String locations = Files.readString(DOCKER.resolve("dossier-locations.conf"));
        assertTrue(locations.contains("proxy_next_upstream error timeout"), "fails over to the other node");
        assertTrue(locations.contains("X-Forwarded-For"), "passes the client's address");
        String first = locations.substring(locations.indexOf("location / {"), locations.indexOf("location @resend"));
        assertFalse(first.contains("non_idempotent"), "a POST that reached a node is never sent again blindly");
        assertTrue(first.contains("error_page 503 = @resend;"), "a POST answered 503 (nothing done) goes to the other node");
        assertTrue(command.contains("--prebootcommandfile") && command.contains("--postdeploycommandfile"),
                "a node opens its port only once deployed: " + command);
        assertNotNull(service("app").get("stop_grace_period"), "time to drain before SIGKILL");
        assertTrue(conf.contains("location = /metrics { return 404; }") && conf.contains("location /metrics/ { return 404; }"),
                "the nodes' metrics are not served to the public (Prometheus scrapes each node directly)");
        java.util.regex.Matcher idle = java.util.regex.Pattern.compile("keepalive_timeout (\\d+)s;").matcher(conf);
        assertTrue(idle.find() && Integer.parseInt(idle.group(1)) < 30,
                "lets go of idle connections to a node before the node closes them (Payara: after 30 s)");
    }

    @Test
    void theProxyIsTheOnlyTrustedProxyAndHasAFixedAddress() {
        String trusted = String.valueOf(map(service("app").get("environment"), "app environment").get("DOSSIER_TRUSTED_PROXIES"));
        Map<String, Object> networks = map(service("proxy").get("networks"), "proxy networks");
        Object address = map(networks.values().iterator().next(), "proxy network").get("ipv4_address");
        assertEquals(trusted, address);
    }

    @Test
    void nodesShareUploadsButNotTheirSearchIndex() {
        String volumes = String.valueOf(service("app").get("volumes"));
        assertTrue(volumes.contains(":/opt/payara/data/media"), volumes);
        assertFalse(volumes.matches(".*:/opt/payara/data[,\\]].*"), "the whole data folder (with the index) must not be shared: " + volumes);
    }

    // ---- Dockerfile -------------------------------------------------------------------------------------

    @Test
    void dockerfileExistsAndIsBasedOnPayaraMicro6Jdk17() throws IOException {
        assertTrue(Files.isRegularFile(DOCKERFILE), DOCKERFILE + " exists");
        List<String> from = instructions("FROM");
        assertEquals(List.of("payara/micro:6.2025.10-jdk17"), from);
    }

    @Test
    void dockerfileDeploysRootWarIntoDeploymentsFolder() throws IOException {
        boolean deploysWar = instructions("COPY").stream()
                .anyMatch(args -> args.contains("target/ROOT.war") && args.contains("/opt/payara/deployments/"));
        assertTrue(deploysWar, "COPY target/ROOT.war into /opt/payara/deployments: " + instructions("COPY"));
    }

    @Test
    void dockerfilePassesDisablePhoneHome() throws IOException {
        String cmd = String.join(" ", instructions("CMD"));
        assertTrue(cmd.contains("\"--disablephonehome\""), "CMD: " + cmd);
        assertTrue(cmd.contains("\"--nohazelcast\""), "CMD: a single instance without a data grid: " + cmd);
        assertTrue(cmd.contains("\"--postbootcommandfile\", \"/opt/payara/single-node.asadmin\""),
                "CMD: without a data grid the sessions must be kept in memory: " + cmd);
        assertTrue(String.join(" ", instructions("COPY")).contains("src/main/payara/single-node.asadmin /opt/payara/single-node.asadmin"));
    }

    @Test
    void dockerfileSetsDataAndContentDirectories() throws IOException {
        Map<String, String> env = dockerfileEnvironment();
        assertEquals("/opt/payara/data", env.get("DOSSIER_DATA_DIR"));
        assertEquals("/opt/payara/content", env.get("DOSSIER_CONTENT_DIR"));
        assertTrue(String.join(" ", instructions("VOLUME")).contains("/opt/payara/data"), "data volume");
    }

    @Test
    void dockerfileRunsAsNonRootUser() throws IOException {
        List<String> users = instructions("USER");
        assertFalse(users.isEmpty(), "USER");
        String last = users.get(users.size() - 1).trim();
        assertFalse(last.equals("root") || last.startsWith("0"), "runs as " + last);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** MicroProfile Config's rule: every non-alphanumeric character becomes '_', then upper case. */
    static String environmentVariableOf(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static Set<String> configKeys() throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(CONFIG, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        return props.stringPropertyNames();
    }

    static Map<String, Object> services() {
        return map(compose.get("services"), "services");
    }

    static Map<String, Object> service(String name) {
        return map(services().get(name), "service " + name);
    }

    /** The app's environment, in either of compose's forms (mapping, or list of NAME=value). */
    static Map<String, String> appEnvironment() {
        Object env = service("app").get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (env instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                result.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        } else {
            throw new AssertionError("app has no environment");
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        assertInstanceOf(Map.class, value, what + " must be a mapping");
        return (Map<String, Object>) value;
    }

    /** Arguments of every instruction of that name, continuation lines joined, comments dropped. */
    static List<String> instructions(String name) throws IOException {
        String text = Files.readString(DOCKERFILE, StandardCharsets.UTF_8);
        String joined = text.lines()
                .filter(line -> !line.stripLeading().startsWith("#"))
                .collect(Collectors.joining("\n"))
                .replaceAll("\\\\\\n", " ");
        List<String> result = new ArrayList<>();
        for (String line : joined.lines().toList()) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts[0].equalsIgnoreCase(name)) {
                result.add(parts.length > 1 ? parts[1] : "");
            }
        }
        return result;
    }

    static Map<String, String> dockerfileEnvironment() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");
        for (String args : instructions("ENV")) {
            Matcher m = pair.matcher(args);
            while (m.find()) {
                String value = m.group(2);
                if (value.startsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                env.put(m.group(1), value);
            }
        }
        return env;
    }
}
