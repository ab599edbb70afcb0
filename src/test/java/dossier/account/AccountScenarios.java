package dossier.account;

import dossier.testing.Browser;
import dossier.testing.Html;
import dossier.testing.Scenarios;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reader's own account at {@code /account}: password, address, display name, "download my data" and "delete my
 * account", against the real WAR. (The mailed link that changes an address, with a real SMTP server: {@code MailIT}.)
 */
public abstract class AccountScenarios extends Scenarios {

    static final String PASSWORD = "a-long-enough-password";
    static final String ARTICLE = "/articles/account-self-service";

    protected AccountScenarios(URL base) {
        super(base);
    }

    private static String name() {
        return "a" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private Browser registered(String name) throws Exception {
        Browser b = visitor();
        assertEquals(303, b.register(name, PASSWORD).statusCode(), name + " registers");
        return b;
    }

    private Browser loggedIn(String name, String password) throws Exception {
        Browser b = visitor();
        assertEquals(303, b.logIn(name, password).statusCode(), name + " logs in");
        return b;
    }

    /** Posts a comment (a reply when {@code parent} is given) and gives its id, from the address the post answers with. */
    private static long comment(Browser b, String text, Long parent) {
        b.get(ARTICLE);
        HttpResponse<String> posted = parent == null ? b.submit(ARTICLE + "/comments", "body", text)
                : b.submit(ARTICLE + "/comments", "body", text, "parentId", parent.toString());
        assertEquals(303, posted.statusCode(), posted.body());
        String location = posted.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.replaceAll(".*#comment-", ""));
    }

    private Element commentOnPage(long id) throws Exception {
        Document page = Html.page(visitor().get(ARTICLE));
        return page.getElementById("comment-" + id);
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsKeepsThisOneAndAWrongCurrentPasswordIsRefused() throws Exception {
        String name = name();
        Browser here = registered(name);
        Browser elsewhere = loggedIn(name, PASSWORD);
        assertEquals(200, elsewhere.get("/account").statusCode());

        here.get("/account");
        HttpResponse<String> wrong = here.submit("/account/password", "current", "not-the-password", "password", "a-new-long-password");
        assertEquals(400, wrong.statusCode());
        assertEquals("That is not your current password.", Html.text(wrong, "#password-current-error"));
        assertEquals("true", Html.select(wrong, "#password-current").attr("aria-invalid"));
        assertEquals("", Html.select(wrong, "#password-current").attr("value"), "a password is never sent back");

        HttpResponse<String> weak = here.submit("/account/password", "current", PASSWORD, "password", "short");
        assertEquals(400, weak.statusCode());
        assertFalse(Html.text(weak, "#password-new-error").isEmpty(), "the policy's reason beside the new password");

        HttpResponse<String> changed = here.submit("/account/password", "current", PASSWORD, "password", "a-new-long-password");
        assertEquals(303, changed.statusCode(), changed.body());
        assertEquals("/account?notice=password-changed", changed.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> page = here.get("/account?notice=password-changed");
        assertEquals(200, page.statusCode(), "this session goes on");
        assertTrue(Html.text(page, ".site-notice").contains("Your password is changed"));
        assertEquals(200, here.json("GET", "/api/me", null, false).statusCode());

        assertEquals(401, elsewhere.json("GET", "/api/me", null, false).statusCode(), "the other session is over");
        assertEquals(303, elsewhere.get("/account").statusCode(), "sent to log in");
        assertEquals(401, visitor().logIn(name, PASSWORD).statusCode(), "the old password no longer works");
        assertEquals(303, visitor().logIn(name, "a-new-long-password").statusCode());

        Browser admin = editor();
        assertTrue(Html.text(admin.get("/admin/audit?target=account+" + name)).contains("account.password-change"),
                "the change is in the audit log");
    }

    @Test
    void anAddressChangeWaitsForTheLinkAndTellsTheOldAddressAndATakenAddressIsRefused() throws Exception {
        String name = name();
        String other = name();
        Browser reader = registered(name);
        registered(other);
        String newAddress = name + ".new@example.org";

        reader.get("/account");
        HttpResponse<String> wrong = reader.submit("/account/email", "current", "not-the-password", "email", newAddress);
        assertEquals(400, wrong.statusCode());
        assertEquals(newAddress, Html.select(wrong, "#email-new").attr("value"), "the form comes back filled");
        assertEquals("That is not your current password.", Html.text(wrong, "#email-current-error"));

        HttpResponse<String> taken = reader.submit("/account/email", "current", PASSWORD, "email", other.toUpperCase() + "@example.org");
        assertEquals(409, taken.statusCode());
        assertEquals("Another account uses this address. Choose another one.", Html.text(taken, "#email-new-error"));

        HttpResponse<String> broken = reader.submit("/account/email", "current", PASSWORD, "email", "not an address\r\nBcc: x@example.org");
        assertEquals(400, broken.statusCode());
        assertFalse(Html.text(broken, "#email-new-error").isEmpty());

        HttpResponse<String> asked = reader.submit("/account/email", "current", PASSWORD, "email", newAddress);
        assertEquals(303, asked.statusCode(), asked.body());
        HttpResponse<String> page = reader.get(asked.headers().firstValue("Location").orElseThrow());
        assertTrue(Html.text(page, ".site-notice").contains("We mailed a link to the new address"));
        assertTrue(Html.text(page, ".account").contains(name + "@example.org"), "the address changes only with the link");

        // Without a mail server the mails wait in the outbox: the link to the new address, the notice to the old one.
        String outbox = Html.text(editor().get("/admin/mail?status=pending"));
        assertTrue(outbox.contains(newAddress), "a link goes to the new address");
        assertTrue(outbox.contains("Your e-mail address is being changed"), "a notice goes to the old address");
    }

    @Test
    void theDisplayNameIsShownOnTheReadersCommentsEscapedAndBounded() throws Exception {
        String name = name();
        Browser reader = registered(name);
        long id = comment(reader, "Before the name " + UUID.randomUUID(), null);
        assertEquals("@" + name, commentOnPage(id).selectFirst(".comment-author").text());

        reader.get("/account");
        String tooLong = "x".repeat(61);
        HttpResponse<String> refused = reader.submit("/account/name", "displayName", tooLong);
        assertEquals(400, refused.statusCode());
        assertEquals(tooLong, Html.select(refused, "#display-name").attr("value"), "the form comes back filled");
        assertEquals("A display name has at most 60 characters.", Html.text(refused, "#display-name-error"));

        String shown = "<script>alert('name')</script> Ann\u202E";
        HttpResponse<String> saved = reader.submit("/account/name", "displayName", shown);
        assertEquals(303, saved.statusCode());
        assertEquals("/account?notice=name-saved", saved.headers().firstValue("Location").orElseThrow());

        // The article page that strangers see (and that was kept in the page cache) shows the new name.
        HttpResponse<String> article = visitor().get(ARTICLE);
        Element author = Html.page(article).getElementById("comment-" + id).selectFirst(".comment-author");
        assertNotNull(author);
        assertEquals("<script>alert('name')</script> Ann (@" + name + ")", author.text(), "the name as text, control characters gone");
        assertEquals("/users/" + name, author.attr("href"), "the username stays the identity");
        assertFalse(article.body().contains("<script>alert('name')"), "escaped, never markup");
        assertEquals("<script>alert('name')</script> Ann (@" + name + ")",
                Html.text(visitor().get("/users/" + name), "h1.page-title"), "the profile shows it too");
        assertEquals("<script>alert('name')</script> Ann",
                Html.select(reader.get("/account"), "#display-name").attr("value"));
    }

    @Test
    void theExportHoldsTheAccountItsCommentsAndTokenNamesButNoSecret() throws Exception {
        String name = name();
        Browser reader = registered(name);
        String first = "First exported comment " + UUID.randomUUID();
        String second = "Second *exported* comment " + UUID.randomUUID();
        long firstId = comment(reader, first, null);
        comment(reader, second, firstId);
        reader.get("/account/tokens");
        HttpResponse<String> made = reader.submit("/account/tokens", "name", "export script");
        assertEquals(201, made.statusCode());
        String secret = Html.text(made, "#new-token");
        assertTrue(secret.startsWith("dos_"));

        HttpResponse<String> export = reader.send(reader.request("/account/export").GET(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, export.statusCode());
        assertEquals("attachment; filename=\"dossier-" + name + ".json\"", export.headers().firstValue("Content-Disposition").orElseThrow());
        assertTrue(export.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonObject json;
        try (JsonReader r = Json.createReader(new StringReader(export.body()))) {
            json = r.readObject();
        }
        JsonObject account = json.getJsonObject("account");
        assertEquals(name, account.getString("username"));
        assertEquals(name + "@example.org", account.getString("email"));
        assertEquals(List.of("reader"), account.getJsonArray("roles").getValuesAs(JsonString::getString));
        assertFalse(account.getString("created").isEmpty());
        assertEquals(List.of(first, second), json.getJsonArray("comments").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("markdown")).toList());
        JsonObject reply = json.getJsonArray("comments").getJsonObject(1);
        assertEquals("account-self-service", reply.getString("article"));
        assertEquals(firstId, reply.getJsonNumber("parentId").longValue());
        assertEquals("visible", reply.getString("status"));
        assertEquals(List.of("export script"), json.getJsonArray("apiTokens").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("name")).toList());
        assertFalse(export.body().contains(secret.substring(4)), "no token");
        assertFalse(export.body().contains("pbkdf2"), "no password hash");
        assertFalse(export.body().toLowerCase().contains("hash"), "no hash of any kind");

        Browser nobody = visitor();
        HttpResponse<String> stranger = nobody.send(nobody.request("/account/export").header("Accept", "text/html,*/*;q=0.8").GET(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, stranger.statusCode(), "strangers are sent to log in");
        assertFalse(stranger.body().contains(first));
    }

    @Test
    void aDeletedAccountsCommentsStayAsDeletedAccountWithTheirRepliesAndItCanNoLongerLogIn() throws Exception {
        String name = name();
        Browser leaving = registered(name);
        Browser staying = reader();
        String text = "A comment that stays " + UUID.randomUUID();
        long id = comment(leaving, text, null);
        long reply = comment(staying, "A reply that stays " + UUID.randomUUID(), id);
        long answer = comment(leaving, "An answer to the reply " + UUID.randomUUID(), reply);

        leaving.get("/account");
        HttpResponse<String> wrong = leaving.submit("/account/delete", "current", "not-the-password", "comments", "remove");
        assertEquals(400, wrong.statusCode());
        assertEquals("That is not your current password.", Html.text(wrong, "#delete-current-error"));
        assertTrue(Html.select(wrong, "input[name=comments][value=remove]").hasAttr("checked"), "the choice is kept");
        assertEquals(200, leaving.get("/account").statusCode(), "nothing was deleted");

        HttpResponse<String> deleted = leaving.submit("/account/delete", "current", PASSWORD, "comments", "keep");
        assertEquals(303, deleted.statusCode(), deleted.body());
        assertEquals("/?notice=account-deleted", deleted.headers().firstValue("Location").orElseThrow());
        assertTrue(Html.text(leaving.get("/?notice=account-deleted"), ".site-notice").contains("Your account is deleted"));
        assertEquals(401, leaving.json("GET", "/api/me", null, false).statusCode(), "the session ended");

        Element kept = commentOnPage(id);
        assertEquals("[deleted account]", kept.selectFirst(".comment-author").text());
        assertTrue(kept.text().contains(text), "the text stays");
        assertEquals(0, kept.select("a[href^='/users/']").size(), "no link to a profile that is gone");
        Element replyShown = commentOnPage(reply);
        assertTrue(replyShown.hasClass("depth-1"), "the reply stays under it");
        assertTrue(commentOnPage(answer).hasClass("depth-2"));
        assertFalse(Html.text(visitor().get(ARTICLE)).contains("@" + name), "the username is gone from the page");

        assertEquals(401, visitor().logIn(name, PASSWORD).statusCode(), "nobody logs in as the deleted account");
        assertEquals(404, visitor().get("/users/" + name).statusCode());
        assertTrue(Html.text(editor().get("/admin/audit?target=account+" + name)).contains("account.delete"));
    }

    @Test
    void aReaderWhoAsksForItLeavesWithTheirCommentsTextsAndOthersRepliesStay() throws Exception {
        String name = name();
        Browser leaving = registered(name);
        Browser staying = reader();
        String text = "A comment that goes " + UUID.randomUUID();
        long id = comment(leaving, text, null);
        String replyText = "A reply that stays " + UUID.randomUUID();
        long reply = comment(staying, replyText, id);

        leaving.get("/account");
        assertEquals(303, leaving.submit("/account/delete", "current", PASSWORD, "comments", "remove").statusCode());

        String page = visitor().get(ARTICLE).body();
        assertFalse(page.contains(text), "the text is gone");
        Element removed = commentOnPage(id);
        assertNotNull(removed, "its place stays");
        assertEquals("[deleted]", removed.selectFirst(".removed").text());
        assertTrue(commentOnPage(reply).text().contains(replyText), "the reply stays");
        assertTrue(commentOnPage(reply).hasClass("depth-1"));
        assertFalse(visitor().json("GET", "/api/articles/account-self-service/comments", null, false).body().contains(text));
        assertEquals(401, visitor().logIn(name, PASSWORD).statusCode());
    }
}
