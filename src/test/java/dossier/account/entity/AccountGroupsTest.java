package dossier.account.entity;

import dossier.site.control.Roles;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The groups an account has decide what it may do ({@link Roles}); these are the rules for them. */
class AccountGroupsTest {

    private final Account account = new Account("someone", "someone@example.org", "hash", Instant.now());

    @Test
    void aReaderTakesPartInDiscussionsAndManagesTheAccountOnlyFromTheBrowser() {
        assertEquals(Set.of(Roles.READER, Roles.SESSION), account.groups(true));
        assertEquals(Set.of(Roles.READER), account.groups(false), "a personal API token never manages the account");
    }

    @Test
    void aBannedReaderLosesTheDiscussionsAndKeepsTheAccount() {
        account.ban();
        assertEquals(Set.of(Roles.SESSION), account.groups(true));
        assertEquals(Set.of(), account.groups(false));
        account.unban();
        assertEquals(Set.of(Roles.READER, Roles.SESSION), account.groups(true));
    }

    @Test
    void anAdministratorIsAnEditorToo() {
        account.grant(Account.ADMIN);
        assertEquals(Set.of(Roles.READER, Roles.EDITOR, Roles.ADMIN), account.groups(false));
        account.revoke(Account.ADMIN);
        account.grant(Account.EDITOR);
        assertEquals(Set.of(Roles.READER, Roles.EDITOR), account.groups(false));
    }
}
