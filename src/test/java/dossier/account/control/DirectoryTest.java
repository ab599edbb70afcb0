package dossier.account.control;

import dossier.testing.TestDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory as the site speaks to it, against a real LDAP server on a loopback socket. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryTest {

    private TestDirectory ldap;

    @BeforeAll
    void start() throws Exception {
        ldap = TestDirectory.start();
        ldap.addPerson("ada", "ada-password-1", "ada@example.org", "Ada Lovelace", "editors", "staff");
        ldap.addPerson("grace", "grace-password-1", "grace@example.org", "Grace Hopper");
        ldap.addPerson("a*", "star-password-1", "star@example.org", "Star");
    }

    @AfterAll
    void stop() {
        ldap.close();
    }

    private Directory directory(String groupBase, boolean startTls, String url) {
        return new Directory(new Directory.Settings(URI.create(url), startTls, TestDirectory.SERVICE, TestDirectory.SERVICE_PASSWORD,
                TestDirectory.PEOPLE, "(&(objectClass=inetOrgPerson)(uid={0}))", groupBase, "(member={0})", "memberOf", "uid",
                "mail", "cn", "", true, Duration.ofSeconds(2), Duration.ofSeconds(2)));
    }

    private Directory directory() {
        return directory(TestDirectory.GROUPS, false, ldap.url());
    }

    @Test
    void theRightPasswordGivesThePersonWithTheirGroups() {
        var found = assertInstanceOf(Directory.Result.Found.class, directory().authenticate(" ada ", "ada-password-1"));
        VerifiedIdentity ada = found.identity();
        assertEquals(new VerifiedIdentity("ldap", "ada", "ada", "Ada Lovelace", "ada@example.org", true,
                Set.of("editors", "staff", "cn=editors," + TestDirectory.GROUPS, "cn=staff," + TestDirectory.GROUPS)), ada);
        assertTrue(ldap.binds.contains(TestDirectory.dn("ada")), "bound as the person: " + ldap.binds);

        var byMemberOf = assertInstanceOf(Directory.Result.Found.class, directory("", false, ldap.url()).authenticate("ada", "ada-password-1"));
        assertEquals(ada.groups(), byMemberOf.identity().groups(), "the same groups from memberOf");
    }

    @Test
    void aWrongPasswordAnUnknownNameAndAnEmptyPasswordAreRefused() {
        assertInstanceOf(Directory.Result.WrongPassword.class, directory().authenticate("ada", "not-her-password"));
        assertInstanceOf(Directory.Result.Unknown.class, directory().authenticate("nobody", "whatever-1"));
        int before = ldap.binds.size();
        assertInstanceOf(Directory.Result.WrongPassword.class, directory().authenticate("ada", ""));
        assertEquals(before, ldap.binds.size(), "no bind at all for an empty password (it would be an anonymous bind)");
        assertFalse(ldap.binds.stream().anyMatch(b -> b.endsWith("(empty password)")), ldap.binds.toString());
    }

    @Test
    void filterCharactersInTheNameAreLettersNotFilterSyntax() {
        assertEquals("a\\2a\\28uid=\\5c\\29", Directory.escape("a*(uid=\\)"));
        assertInstanceOf(Directory.Result.Unknown.class, directory().authenticate("*", "ada-password-1"),
                "'*' matches no one (unescaped it would match everyone)");
        assertInstanceOf(Directory.Result.Unknown.class, directory().authenticate("ad*", "ada-password-1"));
        assertInstanceOf(Directory.Result.Unknown.class, directory().authenticate("*)(uid=ada", "ada-password-1"));
        assertInstanceOf(Directory.Result.Unknown.class, directory().authenticate("ada)(|(uid=*", "ada-password-1"));
        assertInstanceOf(Directory.Result.Unknown.class, directory().authenticate("\\", "x-password-1"));
        var star = assertInstanceOf(Directory.Result.Found.class, directory().authenticate("a*", "star-password-1"),
                "a name with a '*' in it is found as it is");
        assertEquals("a*", star.identity().preferredUsername());
    }

    @Test
    void aDirectoryThatCannotBeReachedIsUnavailableNotAWrongPassword() throws Exception {
        int closed = dossier.testing.PostgresCluster.freePort();
        var down = assertInstanceOf(Directory.Result.Unavailable.class,
                directory(TestDirectory.GROUPS, false, "ldap://127.0.0.1:" + closed).authenticate("ada", "ada-password-1"));
        assertTrue(down.reason().contains("connect"), down.reason());
        var badService = new Directory(new Directory.Settings(URI.create(ldap.url()), false, TestDirectory.SERVICE, "wrong",
                TestDirectory.PEOPLE, "(uid={0})", "", "", "memberOf", "uid", "mail", "cn", "", true, null, null));
        assertInstanceOf(Directory.Result.Unavailable.class, badService.authenticate("ada", "ada-password-1"));
    }

    @Test
    void startTlsThatTheServerRefusesSendsNoPassword() {
        int before = ldap.binds.size();
        assertInstanceOf(Directory.Result.Unavailable.class, directory(TestDirectory.GROUPS, true, ldap.url()).authenticate("ada", "ada-password-1"));
        assertEquals(before, ldap.binds.size(), "nothing bound over a connection that stayed plain");
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> directory(TestDirectory.GROUPS, false, "http://127.0.0.1:389"));
        assertThrows(IllegalArgumentException.class, () -> new Directory.Settings(URI.create(ldap.url()), false, "", "", TestDirectory.PEOPLE,
                "(uid=ada)", "", "", "memberOf", "uid", "mail", "cn", "", true, null, null));
        assertFalse(directory(TestDirectory.GROUPS, true, "ldaps://127.0.0.1:636").settings().startTls(), "ldaps is TLS already");
        assertEquals(Duration.ofSeconds(30), new Directory.Settings(URI.create(ldap.url()), false, "", "", TestDirectory.PEOPLE,
                "(uid={0})", "", "", "memberOf", "uid", "mail", "cn", "", true, Duration.ofHours(1), null).connectTimeout(), "bounded");
    }
}
