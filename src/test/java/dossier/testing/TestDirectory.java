package dossier.testing;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real LDAP server for the tests: UnboundID's in-memory directory, listening on a free loopback port, spoken to over
 * a socket as an organization's directory would be. People live under {@code ou=people}, groups (with {@code member}
 * values) under {@code ou=groups}, and each person's entry also lists its groups in {@code memberOf}, as Active
 * Directory does. It records the DN of every simple bind it receives, empty passwords included. It may speak StartTLS
 * (with a certificate for 127.0.0.1 made by keytool at start).
 */
public final class TestDirectory implements AutoCloseable {

    public static final String BASE = "dc=example,dc=org";
    public static final String PEOPLE = "ou=people," + BASE;
    public static final String GROUPS = "ou=groups," + BASE;
    public static final String SERVICE = "cn=dossier,ou=services," + BASE;
    public static final String SERVICE_PASSWORD = "service-secret-1";

    private static final String STORE_PASSWORD = "test-store-password";

    private final InMemoryDirectoryServer server;
    private final int port;
    /** The trust store that holds the directory's certificate, when it speaks StartTLS; else null. */
    private final java.nio.file.Path trustStore;
    /** Every simple bind received, as "dn" or "dn (empty password)". */
    public final List<String> binds = new CopyOnWriteArrayList<>();

    private TestDirectory(int port, java.nio.file.Path tls) throws Exception {
        this.port = port;
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null); // memberOf is Active Directory's (and OpenLDAP's overlay's), not in the standard schema
        javax.net.ssl.SSLSocketFactory startTls = null;
        if (tls != null) {
            java.nio.file.Path keyStore = certificate(tls);
            startTls = new com.unboundid.util.ssl.SSLUtil(new com.unboundid.util.ssl.KeyStoreKeyManager(keyStore.toFile(),
                    STORE_PASSWORD.toCharArray(), "PKCS12", "directory"), null).createSSLSocketFactory();
            trustStore = tls.resolve("trust.p12");
        } else {
            trustStore = null;
        }
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), port, startTls));
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) {
                binds.add(request.getRequest().getBindDN() + (request.getRequest().getPassword().getValueLength() == 0 ? " (empty password)" : ""));
            }
        });
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        for (String ou : List.of("people", "groups", "services")) {
            server.add("dn: ou=" + ou + "," + BASE, "objectClass: organizationalUnit", "ou: " + ou);
        }
        server.add("dn: " + SERVICE, "objectClass: person", "cn: dossier", "sn: dossier", "userPassword: " + SERVICE_PASSWORD);
        for (String group : List.of("editors", "admins", "staff")) {
            server.add("dn: cn=" + group + "," + GROUPS, "objectClass: groupOfNames", "cn: " + group);
        }
    }

    /** A directory listening on a free loopback port, without TLS. */
    public static TestDirectory start() throws Exception {
        TestDirectory directory = new TestDirectory(PostgresCluster.freePort(), null);
        directory.server.startListening();
        return directory;
    }

    /**
     * A directory that speaks StartTLS with a certificate for 127.0.0.1 made now in {@code folder}, whose
     * {@link #trustStoreOptions()} let a JVM trust it (and nothing else).
     */
    public static TestDirectory startWithStartTls(java.nio.file.Path folder) throws Exception {
        TestDirectory directory = new TestDirectory(PostgresCluster.freePort(), folder);
        directory.server.startListening();
        return directory;
    }

    /** System properties that make a JVM trust this directory's certificate. */
    public List<String> trustStoreOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    /** A key pair and self-signed certificate for 127.0.0.1 (keytool, as an operator would make one), and a trust store. */
    private static java.nio.file.Path certificate(java.nio.file.Path folder) throws Exception {
        java.nio.file.Files.createDirectories(folder);
        java.nio.file.Path keyStore = folder.resolve("directory.p12");
        java.nio.file.Path cert = folder.resolve("directory.crt");
        String keytool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        for (java.nio.file.Path p : List.of(keyStore, cert, folder.resolve("trust.p12"))) {
            java.nio.file.Files.deleteIfExists(p);
        }
        run(keytool, "-genkeypair", "-alias", "directory", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", STORE_PASSWORD);
        run(keytool, "-exportcert", "-alias", "directory", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD,
                "-file", cert.toString());
        run(keytool, "-importcert", "-noprompt", "-alias", "directory", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", folder.resolve("trust.p12").toString(), "-storepass", STORE_PASSWORD);
        return keyStore;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    public static String dn(String uid) {
        return "uid=" + uid + "," + PEOPLE;
    }

    /** A person with this uid, password, address and name, in these groups. */
    public void addPerson(String uid, String password, String mail, String name, String... groups) throws Exception {
        server.add("dn: " + dn(uid), "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + name, "sn: " + name,
                "mail: " + mail, "userPassword: " + password);
        setGroups(uid, groups);
    }

    /** Puts the person in exactly these groups (both as the groups' members and in the person's memberOf). */
    public void setGroups(String uid, String... groups) throws LDAPException {
        for (String group : List.of("editors", "admins", "staff")) {
            String groupDn = "cn=" + group + "," + GROUPS;
            boolean member = List.of(groups).contains(group);
            boolean now = server.getEntry(groupDn).hasAttributeValue("member", dn(uid));
            if (member != now) {
                server.modify(groupDn, new Modification(member ? ModificationType.ADD : ModificationType.DELETE, "member", dn(uid)));
            }
        }
        String[] memberOf = List.of(groups).stream().map(g -> "cn=" + g + "," + GROUPS).toArray(String[]::new);
        server.modify(dn(uid), new Modification(ModificationType.REPLACE, "memberOf", memberOf));
    }

    /** The directory's settings for the site, as environment variables (StartTLS when the directory speaks it). */
    public Map<String, String> settings() {
        return Map.of(
                "DOSSIER_LDAP_URL", url(),
                "DOSSIER_LDAP_STARTTLS", String.valueOf(trustStore != null),
                "DOSSIER_LDAP_BIND_DN", SERVICE,
                "DOSSIER_LDAP_BIND_PASSWORD", SERVICE_PASSWORD,
                "DOSSIER_LDAP_USER_BASE", PEOPLE,
                "DOSSIER_LDAP_USER_FILTER", "(&(objectClass=inetOrgPerson)(uid={0}))",
                "DOSSIER_LDAP_GROUP_BASE", GROUPS,
                "DOSSIER_LDAP_GROUP_FILTER", "(member={0})",
                "DOSSIER_LDAP_EDITOR_GROUPS", "editors",
                "DOSSIER_LDAP_ADMIN_GROUPS", "admins");
    }

    /** Stops listening: the directory is down (what it holds is kept). */
    public void stop() {
        server.shutDown(false);
    }

    /** Listens again, on the same port. */
    public void restart() throws LDAPException {
        server.startListening();
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
