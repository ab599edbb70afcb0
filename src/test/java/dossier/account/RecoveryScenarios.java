package dossier.account;

import dossier.testing.Browser;
import dossier.testing.Html;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A forgotten password and the administrators' /admin/users on the shared test server, which has no mail server:
 * readers are told to ask an administrator, who finds the account, gives roles, and makes a reset link to pass on.
 * (The mailed link, the same answer for unknown addresses and the limits: {@code MailIT}.)
 */
public abstract class RecoveryScenarios extends dossier.testing.Scenarios {

    static final String PASSWORD = "a-long-enough-password";
    static final String NEW_PASSWORD = "a-brand-new-password";

    protected RecoveryScenarios(URL base) {
        super(base);
    }

    private static String name() {
        return "rc" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private Browser registered(String name) throws Exception {
        Browser b = visitor();
        assertEquals(303, b.register(name, PASSWORD).statusCode());
        return b;
    }

    private Browser loggedIn(String name, String password) throws Exception {
        Browser b = visitor();
        assertEquals(303, b.logIn(name, password).statusCode(), name + " logs in");
        return b;
    }

    @Test
    void withoutAMailServerTheForgottenPasswordPageSendsReadersToAnAdministrator() throws Exception {
        Browser visitor = visitor();
        HttpResponse<String> login = visitor.get("/login");
        assertEquals("/forgot", Html.page(login).select("a:contains(Forgot your password?)").attr("href"));
        HttpResponse<String> forgot = visitor.get("/forgot");
        assertEquals(200, forgot.statusCode());
        assertTrue(Html.text(forgot, "main").contains("Ask an administrator of the site"), Html.text(forgot, "main"));
        assertTrue(Html.select(forgot, "input[name=email]").isEmpty(), "no form that could not mail anything");
        HttpResponse<String> posted = visitor.submit("/forgot", "email", "someone@example.org");
        assertEquals(200, posted.statusCode());
        assertTrue(Html.text(posted, "main").contains("Ask an administrator of the site"));
    }

    @Test
    void anAdministratorFindsAReaderAndMakesThemAnEditor() throws Exception {
        String name = name();
        Browser reader = registered(name);
        assertEquals(403, reader.get("/admin/articles").statusCode());
        assertEquals(403, reader.get("/admin/users").statusCode());

        Browser admin = editor();
        assertTrue(Html.select(admin.get("/admin/articles"), "a[href=/admin/users]").size() == 1, "linked from the administration");
        HttpResponse<String> found = admin.get("/admin/users?q=" + name.substring(0, 8));
        assertEquals(200, found.statusCode());
        Document page = Html.page(found);
        assertEquals("@" + name, page.select("tr#user-" + name + " td:nth-child(1)").text());
        assertEquals(name + "@example.org", page.select("tr#user-" + name + " td:nth-child(2)").text());
        assertEquals("reader", page.select("tr#user-" + name + " td.roles").text());
        assertFalse(page.select("tr#user-" + name + " td:nth-child(7)").text().equals("never"), "the registration logged in");

        HttpResponse<String> granted = admin.submit("/admin/users/" + name + "/roles", "role", "editor", "grant", "true",
                "return", "/admin/users?q=" + name);
        assertEquals(303, granted.statusCode());
        assertEquals("editor, reader", Html.text(admin.get(granted.headers().firstValue("Location").orElseThrow()), "tr#user-" + name + " td.roles"));
        assertEquals(200, reader.get("/admin/articles").statusCode(), "the reader is an editor at once");
        assertTrue(Html.text(admin.get("/admin/audit?target=account+" + name), "table").contains("account.grant-editor"));

        // Nothing else is found for a name nobody has; a long query is cut, not refused.
        assertTrue(Html.select(admin.get("/admin/users?q=" + name + "zz"), "table.users").isEmpty());
        assertEquals(200, admin.get("/admin/users?q=" + "x".repeat(5_000) + "&page=99999999999").statusCode());
    }

    @Test
    void theLastAdministratorKeepsTheRole() throws Exception {
        Browser chief = editor();
        chief.get("/admin/users?q=chief");
        HttpResponse<String> refused = chief.submit("/admin/users/chief/roles", "role", "admin", "grant", "false");
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("the last administrator"), refused.body());

        String name = name();
        registered(name);
        chief.get("/admin/users?q=" + name);
        assertEquals(303, chief.submit("/admin/users/" + name + "/roles", "role", "admin", "grant", "true").statusCode());
        Browser second = loggedIn(name, PASSWORD);
        assertEquals(200, second.get("/admin/users?q=" + name).statusCode(), "the new administrator is let in");
        assertEquals(303, second.submit("/admin/users/" + name + "/roles", "role", "admin", "grant", "false").statusCode(),
                "with another administrator left, the role may go");
        assertEquals(403, second.get("/admin/users").statusCode());
        assertEquals(200, chief.get("/admin/users").statusCode());
    }

    @Test
    void anAdministratorsResetLinkSetsANewPasswordOnceAndLogsTheAccountOutEverywhere() throws Exception {
        String name = name();
        Browser first = registered(name);
        Browser second = loggedIn(name, PASSWORD);

        Browser admin = editor();
        admin.get("/admin/users?q=" + name);
        HttpResponse<String> made = admin.submit("/admin/users/" + name + "/reset-link");
        assertEquals(200, made.statusCode());
        assertEquals("no-store", made.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("no-referrer", made.headers().firstValue("Referrer-Policy").orElse(""));
        assertTrue(Html.text(made, "p.notice").contains("pass this link on"), Html.text(made, "p.notice"));
        String link = Html.select(made, "input#reset-link").attr("value");
        assertTrue(link.matches("http://[^/]+/reset\\?token=[A-Za-z0-9_-]{43}"), link);
        String path = URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery();
        String token = path.substring(path.indexOf('=') + 1);
        assertFalse(Html.text(admin.get("/admin/audit?target=account+" + name), "table").contains(token), "the audit line holds no secret");

        Browser owner = visitor();
        HttpResponse<String> form = owner.get(path);
        assertEquals(200, form.statusCode());
        assertEquals("no-referrer", form.headers().firstValue("Referrer-Policy").orElse(""), "the token leaves in no Referer");
        assertEquals("no-store", form.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(token, Html.select(form, "form[action=/reset] input[name=token]").attr("value"), "the form carries the token");

        HttpResponse<String> mismatch = owner.submit("/reset", "token", token, "password", NEW_PASSWORD, "repeated", NEW_PASSWORD + "!");
        assertEquals(400, mismatch.statusCode());
        assertEquals("The two passwords are not the same.", Html.text(mismatch, "#password-error"));
        assertEquals(token, Html.select(mismatch, "input[name=token]").attr("value"), "the link still works");

        HttpResponse<String> done = owner.submit("/reset", "token", token, "password", NEW_PASSWORD, "repeated", NEW_PASSWORD);
        assertEquals(303, done.statusCode());
        assertEquals("/login?reset=done", done.headers().firstValue("Location").orElse(""));
        assertTrue(Html.text(owner.get("/login?reset=done"), "p.notice").contains("Your new password is set"));

        // Every session of the account is over, on whichever browser it was.
        assertEquals(401, first.json("GET", "/api/me", null, false).statusCode());
        assertEquals(401, second.json("GET", "/api/me", null, false).statusCode());
        assertEquals(401, visitor().logIn(name, PASSWORD).statusCode(), "the old password is refused");
        assertEquals(303, visitor().logIn(name, NEW_PASSWORD).statusCode(), "the new one works");

        HttpResponse<String> again = visitor().get(path);
        assertEquals(410, again.statusCode(), "a link works once");
        assertTrue(Html.text(again, "main").contains("This link no longer works"));
        assertEquals("/forgot", Html.select(again, "main a:contains(Ask for a new link)").attr("href"));
        assertEquals(410, owner.submit("/reset", "token", token, "password", "another-new-password", "repeated", "another-new-password").statusCode());
        assertEquals(400, visitor().get("/reset?token=" + "A".repeat(43)).statusCode(), "a made-up link");
        assertTrue(Html.text(admin.get("/admin/audit?target=account+" + name), "table").contains("account.password-reset"));
    }

    @Test
    void anAdministratorDeletesAnAccountAndItsCommentsStayUnderDeletedAccount() throws Exception {
        String name = name();
        Browser reader = registered(name);
        String article = "/articles/data-sovereignty-air-gapped";
        reader.get(article);
        String text = "Kept after my account goes " + UUID.randomUUID();
        assertEquals(303, reader.submit(article + "/comments", "body", text).statusCode());

        Browser admin = editor();
        HttpResponse<String> confirm = admin.get("/admin/users/" + name + "/delete");
        assertEquals(200, confirm.statusCode());
        assertTrue(Html.text(confirm, "form.confirm-delete").contains("Delete the account @" + name));
        HttpResponse<String> deleted = admin.submit("/admin/users/" + name + "/delete");
        assertEquals(303, deleted.statusCode());

        assertEquals(401, reader.json("GET", "/api/me", null, false).statusCode(), "logged out");
        assertEquals(401, visitor().logIn(name, PASSWORD).statusCode(), "and cannot log in");
        assertEquals(404, visitor().get("/users/" + name).statusCode());
        Document thread = Html.page(visitor().get(article));
        String author = thread.select("li.comment:contains(" + text + ") .comment-author").first().text();
        assertEquals("[deleted account]", author);
        assertEquals(409, admin.submit("/admin/users/chief/delete").statusCode(), "not one's own account, here");
    }
}
