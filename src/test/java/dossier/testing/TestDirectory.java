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
 * Directory does. It records the DN of every simple bind it receives, empty passwords included.
 */
public final class TestDirectory implements AutoCloseable {

    public static final String BASE = "dc=example,dc=org";
    public static final String PEOPLE = "ou=people," + BASE;
    public static final String GROUPS = "ou=groups," + BASE;
    public static final String SERVICE = "cn=dossier,ou=services," + BASE;
    public static final String SERVICE_PASSWORD = "service-secret-1";

    private final InMemoryDirectoryServer server;
    private final int port;
    /** Every simple bind received, as "dn" or "dn (empty password)". */
    public final List<String> binds = new CopyOnWriteArrayList<>();

    private TestDirectory(int port) throws Exception {
        this.port = port;
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null); // memberOf is Active Directory's (and OpenLDAP's overlay's), not in the standard schema
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), port, null));
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

    /** A directory listening on a free loopback port. */
    public static TestDirectory start() throws Exception {
        TestDirectory directory = new TestDirectory(PostgresCluster.freePort());
        directory.server.startListening();
        return directory;
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

    /** The directory's settings for the site, as environment variables. */
    public Map<String, String> settings() {
        return Map.of(
                "DOSSIER_LDAP_URL", url(),
                "DOSSIER_LDAP_STARTTLS", "false",
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
