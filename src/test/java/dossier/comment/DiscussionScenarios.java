package dossier.comment;

import dossier.markdown.control.MarkdownXssTest;
import dossier.testing.Browser;
import dossier.testing.Problem;
import dossier.testing.Html;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dossier.testing.Polling.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readers register, log in and discuss, against the real WAR in Payara Micro over HTTP. Each test has its
 * own users (random names) and, where counts matter, its own article from {@code src/test/content/discussion}.
 */
@RunAsClient
public abstract class DiscussionScenarios extends dossier.testing.Scenarios {

    static final String ADMIN = "chief";
    static final String ADMIN_PASSWORD = "chief-editor-secret-42";
    static final String PASSWORD = "a-long-enough-password";
    private static final Pattern COMMENT_ID = Pattern.compile("#comment-(\\d+)$");


    /** Runs against the server at {@code base}, shared with the other system tests (see {@code dossier.SystemIT}). */
    protected DiscussionScenarios(URL base) {
        super(base);
    }



    @Test
    void loggingInFromAPageComesBackToIt() throws Exception {
        Browser b = reader();
        String name = username(b);
        b.submit("/logout");
        Browser fresh = visitor();
        fresh.get("/login?return=%2Farticles%2Fdiscussion-empty");
        HttpResponse<String> login = fresh.submit("/login", "username", name, "password", PASSWORD, "return", "/articles/discussion-empty");
        assertEquals(303, login.statusCode());
        assertTrue(login.headers().firstValue("Location").orElse("").endsWith("/articles/discussion-empty"));
        fresh.get("/login");
        HttpResponse<String> offsite = fresh.submit("/login", "username", name, "password", PASSWORD, "return", "//evil.example/");
        assertEquals("/", offsite.headers().firstValue("Location").orElse(""), "never to another host, and relative");
    }

    private Browser admin() throws Exception {
        Browser b = visitor();
        assertEquals(303, b.logIn(ADMIN, ADMIN_PASSWORD).statusCode());
        return b;
    }

    private static long postedId(HttpResponse<String> answer) {
        assertEquals(303, answer.statusCode(), answer.body());
        Matcher m = COMMENT_ID.matcher(answer.headers().firstValue("Location").orElse(""));
        assertTrue(m.find(), answer.headers().toString());
        return Long.parseLong(m.group(1));
    }

    private static Element comments(HttpResponse<String> page) {
        Document doc = Jsoup.parse(page.body());
        Element section = doc.getElementById("comments");
        assertNotNull(section, "the article has a discussion section");
        return section;
    }

    /** The texts of the comments shown on an article's page, one per comment. */
    private static List<String> commentTexts(HttpResponse<String> page) {
        return Html.select(page, "#comments .comment-body").eachText();
    }

    @Test
    void aReaderRegistersCommentsRepliesEditsAndDeletes() throws Exception {
        Browser alice = reader();
        Browser bob = reader();
        alice.get("/articles/discussion-flow");
        long first = postedId(alice.submit("/articles/discussion-flow/comments", "body", "First *thoughts* on this."));
        bob.get("/articles/discussion-flow");
        long reply = postedId(bob.submit("/articles/discussion-flow/comments", "body", "A reply to Alice.", "parentId", String.valueOf(first)));

        Element thread = comments(alice.get("/articles/discussion-flow"));
        assertTrue(thread.getElementById("comment-" + first).select(".comment-body em").text().contains("thoughts"));
        assertTrue(thread.getElementById("comment-" + reply).hasClass("depth-1"), "the reply is indented under the comment");

        alice.get("/comments/" + first + "/edit");
        assertEquals(303, alice.submit("/comments/" + first + "/edit", "body", "Second thoughts.").statusCode());
        Element edited = comments(alice.get("/articles/discussion-flow")).getElementById("comment-" + first);
        assertTrue(edited.text().contains("Second thoughts."));
        assertTrue(edited.select(".edited").size() == 1, "shown as edited");

        assertEquals(303, alice.submit("/comments/" + first + "/delete").statusCode());
        Element afterDelete = comments(visitor().get("/articles/discussion-flow"));
        assertEquals("[deleted]", afterDelete.getElementById("comment-" + first).select(".removed").text());
        assertTrue(afterDelete.getElementById("comment-" + reply).text().contains("A reply to Alice."), "the reply stays");
        assertTrue(afterDelete.select("h2").text().contains("Comments (1)"));
    }

    @Test
    void anonymousVisitorsSeeTheInvitationAndCannotPost() throws Exception {
        Browser anonymous = visitor();
        Document page = Html.page(anonymous.get("/articles/discussion-moderation"));
        Element prompt = page.selectFirst("#comments .login-prompt");
        assertNotNull(prompt, "an invitation in the discussion");
        assertTrue(prompt.text().contains("to comment on articles."), prompt.text());
        assertEquals(1, prompt.select("a[href=/login?return=%2Farticles%2Fdiscussion-moderation%23comments]").size(),
                "its link comes back to the discussion");
        assertEquals(1, page.select("header.masthead a[href=/login?return=%2Farticles%2Fdiscussion-moderation]").size(),
                "the masthead link comes back here");

        HttpResponse<String> api = anonymous.json("POST", "/api/articles/discussion-moderation/comments", "{\"body\":\"x\"}", false);
        assertEquals(401, api.statusCode());

        anonymous.get("/login");
        HttpResponse<String> form = anonymous.submit("/articles/discussion-moderation/comments", "body", "x");
        assertEquals(303, form.statusCode());
        assertTrue(form.headers().firstValue("Location").orElse("").contains("/login?return="));
        assertEquals(401, anonymous.json("GET", "/api/me", null, false).statusCode());
    }

    @Test
    void anEmptyThreadInvitesTheFirstComment() throws Exception {
        for (Browser who : List.of(visitor(), reader())) {
            Element section = comments(who.get("/articles/discussion-empty"));
            assertEquals("Comments (0)", section.select("h2").first().text());
            assertTrue(section.text().contains("No comments yet. Be the first to comment!"));
        }
    }

    @Test
    void anotherUsersCommentCannotBeEditedOrDeleted() throws Exception {
        Browser alice = reader();
        Browser mallory = reader();
        alice.get("/articles/discussion-moderation");
        long id = postedId(alice.submit("/articles/discussion-moderation/comments", "body", "Mine."));
        mallory.get("/articles/discussion-moderation");

        assertEquals(403, mallory.json("PUT", "/api/comments/" + id, "{\"body\":\"Hijacked\"}", true).statusCode());
        assertEquals(403, mallory.json("DELETE", "/api/comments/" + id, null, true).statusCode());
        assertEquals(403, mallory.submit("/comments/" + id + "/edit", "body", "Hijacked").statusCode());
        assertTrue(comments(visitor().get("/articles/discussion-moderation")).getElementById("comment-" + id).text().contains("Mine."));
    }

    @Test
    void aRequestWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        Browser alice = reader();
        alice.get("/articles/discussion-moderation");
        long id = postedId(alice.submit("/articles/discussion-moderation/comments", "body", "Original text."));
        String before = comments(visitor().get("/articles/discussion-moderation")).select("h2").text();

        assertEquals(403, alice.post("/articles/discussion-moderation/comments", Map.of("body", "forged")).statusCode());
        assertEquals(403, alice.post("/articles/discussion-moderation/comments", Map.of("body", "forged", "_csrf", "wrong")).statusCode());
        assertEquals(403, alice.post("/comments/" + id + "/delete", Map.of()).statusCode());
        assertEquals(403, alice.json("PUT", "/api/comments/" + id, "{\"body\":\"forged\"}", false).statusCode());
        assertEquals(403, alice.post("/logout", Map.of()).statusCode());

        Element after = comments(visitor().get("/articles/discussion-moderation"));
        assertEquals(before, after.select("h2").text());
        assertTrue(after.getElementById("comment-" + id).text().contains("Original text."));
        assertFalse(after.text().contains("forged"));
    }

    @Test
    void aModeratorHidesAndBansAndTheBannedReaderCannotComment() throws Exception {
        Browser troll = reader();
        troll.get("/articles/discussion-moderation");
        long id = postedId(troll.submit("/articles/discussion-moderation/comments", "body", "Offensive remark."));
        String trollName = new String(troll.json("GET", "/api/me", null, false).body()).replaceAll(".*\"username\":\"([^\"]+)\".*", "$1");

        Browser chief = admin();
        chief.get("/articles/discussion-moderation");
        assertEquals(303, chief.submit("/comments/" + id + "/hide").statusCode());
        Element hidden = comments(visitor().get("/articles/discussion-moderation")).getElementById("comment-" + id);
        assertFalse(hidden.text().contains("Offensive remark."));
        assertTrue(hidden.text().contains("[hidden by a moderator]"));

        assertEquals(403, reader().json("POST", "/api/articles/discussion-moderation/comments", "{\"body\":\"x\"}", false).statusCode(),
                "a reader without the token is refused before anything else");
        Browser other = reader();
        other.get("/articles/discussion-moderation");
        assertEquals(403, other.submit("/comments/" + id + "/restore").statusCode(), "readers do not moderate");
        assertEquals(403, other.submit("/users/" + trollName + "/ban").statusCode(), "readers do not ban");

        chief.get("/articles/discussion-moderation");
        assertEquals(303, chief.submit("/users/" + trollName + "/ban").statusCode());
        troll.get("/articles/discussion-moderation");
        assertEquals(403, troll.json("POST", "/api/articles/discussion-moderation/comments", "{\"body\":\"again\"}", true).statusCode());
        HttpResponse<String> form = troll.submit("/articles/discussion-moderation/comments", "body", "again");
        assertEquals(403, form.statusCode());
        assertEquals(200, troll.get("/articles/discussion-moderation").statusCode(), "a banned reader still reads");
    }

    @Test
    void theSixthCommentInAMinuteIsRefusedAndTheTextKept() throws Exception {
        Browser eager = reader();
        eager.get("/articles/discussion-limits");
        for (int i = 1; i <= 5; i++) {
            postedId(eager.submit("/articles/discussion-limits/comments", "body", "Comment number " + i));
        }
        HttpResponse<String> sixth = eager.submit("/articles/discussion-limits/comments", "body", "The sixth, kept for later.");
        assertEquals(429, sixth.statusCode());
        assertTrue(sixth.headers().firstValue("Retry-After").isPresent());
        Document page = Jsoup.parse(sixth.body());
        assertEquals("The sixth, kept for later.", page.getElementById("comment-body").text());
        assertTrue(page.select(".form-error").text().contains("5 comments a minute"));
    }

    @Test
    void anOverlongCommentIsRefusedWithAMessageAndTheTextKept() throws Exception {
        Browser verbose = reader();
        verbose.get("/articles/discussion-limits");
        String text = "word ".repeat(2_100);
        HttpResponse<String> answer = verbose.submit("/articles/discussion-limits/comments", "body", text);
        assertEquals(400, answer.statusCode());
        Document page = Jsoup.parse(answer.body());
        assertTrue(page.select(".form-error").text().contains("at most 10000 characters"));
        assertEquals(text.strip(), page.getElementById("comment-body").text().strip());
    }

    /** The comment API says which field it refuses and why, stores nothing it refused, and still takes a good comment. */
    @Test
    void theCommentApiNamesTheFieldItRefusesAndStoresNothing() throws Exception {
        Browser chief = admin();
        chief.get("/");
        String slug = "invalid-comments-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, chief.json("POST", "/api/articles", "{\"slug\":\"" + slug + "\",\"title\":\"Refused remarks\","
                + "\"markdown\":\"Text.\",\"status\":\"published\"}", true).statusCode());
        Browser writer = reader();
        String thread = "/api/articles/" + slug + "/comments";

        Problem empty = Problem.of(writer.json("POST", thread, "{\"body\":\"  \\n \"}", true), 400);
        assertEquals(Map.of("body", "The comment is empty."), empty.fields());
        Problem missing = Problem.of(writer.json("POST", thread, "{\"text\":\"the wrong field\"}", true), 400);
        assertEquals(Set.of("body"), missing.fields().keySet(), missing.toString());
        Problem tooLong = Problem.of(writer.json("POST", thread, "{\"body\":" + Browser.json("word ".repeat(2_100)) + "}", true), 400);
        assertTrue(tooLong.fields().get("body").contains("at most 10000 characters"), tooLong.toString());
        Problem notText = Problem.of(writer.json("POST", thread, "{\"body\":[\"a\",\"list\"]}", true), 400);
        assertEquals(Set.of("body"), notText.fields().keySet(), notText.toString());
        Problem notAnId = Problem.of(writer.json("POST", thread, "{\"body\":\"A reply.\",\"parentId\":\"first\"}", true), 400);
        assertEquals(Set.of("parentId"), notAnId.fields().keySet(), notAnId.toString());
        Problem broken = Problem.of(writer.json("POST", thread, "{\"body\":\"unfinished", true), 400);
        assertTrue(broken.detail().contains("not valid JSON"), broken.detail());
        assertEquals("[]", visitor().json("GET", thread, null, false).body(), "nothing stored");

        HttpResponse<String> fine = writer.json("POST", thread, "{\"body\":\"A fine remark.\"}", true);
        assertEquals(201, fine.statusCode(), fine.body());
        long id = Long.parseLong(fine.headers().firstValue("Location").orElseThrow().replaceAll(".*#comment-", ""));
        Problem emptied = Problem.of(writer.json("PUT", "/api/comments/" + id, "{\"body\":\"\"}", true), 400);
        assertEquals(Map.of("body", "The comment is empty."), emptied.fields());
        assertTrue(visitor().json("GET", thread, null, false).body().contains("A fine remark."), "the comment is unchanged");
    }

    @Test
    void theSixthFailedLoginIsThrottled() throws Exception {
        Browser victim = reader();
        String name = victim.json("GET", "/api/me", null, false).body().replaceAll(".*\"username\":\"([^\"]+)\".*", "$1");
        Browser attacker = visitor();
        attacker.get("/login");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = attacker.submit("/login", "username", name, "password", "wrong-password-" + i);
            assertEquals(401, wrong.statusCode());
            assertEquals("The username or the password is not right.", Html.text(wrong, ".form-error"));
        }
        HttpResponse<String> sixth = attacker.submit("/login", "username", name, "password", PASSWORD);
        assertEquals(429, sixth.statusCode());
        assertTrue(sixth.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void anUnknownUserAndAWrongPasswordGetTheSameAnswer() throws Exception {
        Browser someone = visitor();
        someone.get("/login");
        HttpResponse<String> unknown = someone.submit("/login", "username", "nobody-" + UUID.randomUUID().toString().substring(0, 6), "password", "whatever-password");
        assertEquals(401, unknown.statusCode());
        assertEquals("The username or the password is not right.", Html.text(unknown, ".form-error"));
    }

    @Test
    void registrationExplainsWhatIsWrongAndKeepsTheForm() throws Exception {
        Browser b = visitor();
        b.get("/register");
        HttpResponse<String> answer = b.submit("/register", "username", "x!", "email", "not-an-email", "password", "1234567890");
        assertEquals(400, answer.statusCode());
        Document page = Jsoup.parse(answer.body());
        assertEquals("x!", page.getElementById("username").val());
        assertEquals("not-an-email", page.getElementById("email").val());
        assertFalse(page.select("#username-error").isEmpty());
        assertFalse(page.select("#email-error").isEmpty());
        assertTrue(page.select("#password-error").text().contains("common"));
    }

    @Test
    void hostileCommentsComeOutInert() throws Exception {
        Browser chief = admin();
        chief.get("/articles/discussion-xss");
        List<String> attacks = MarkdownXssTest.ATTACKS;
        assertTrue(attacks.size() >= 50);
        for (String attack : attacks) {
            HttpResponse<String> posted = chief.json("POST", "/api/articles/discussion-xss/comments",
                    "{\"body\":" + Browser.json(attack) + "}", true);
            assertEquals(201, posted.statusCode(), attack + " -> " + posted.body());
        }
        Element thread = comments(visitor().get("/articles/discussion-xss"));
        assertEquals(attacks.size(), thread.select(".comment").size());
        for (Element body : thread.select(".comment-body")) {
            MarkdownXssTest.assertInert(body.html());
        }
    }

    @Test
    void twentyWritersPostingAtOnceLoseNothing() throws Exception {
        Browser chief = admin();
        chief.get("/articles/discussion-load");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        AtomicInteger accepted = new AtomicInteger();
        java.util.Queue<String> refused = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    HttpResponse<String> r = chief.json("POST", "/api/articles/discussion-load/comments",
                            "{\"body\":\"thread " + thread + " comment " + i + "\"}", true);
                    if (r.statusCode() == 201) {
                        accepted.incrementAndGet();
                    } else {
                        refused.add(r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        assertEquals(500, accepted.get(), () -> refused.stream().limit(3).toList().toString());
        assertEquals("Comments (500)", Html.text(visitor().get("/articles/discussion-load"), "h2#comments-title"));
        HttpResponse<String> first = visitor().json("GET", "/api/articles/discussion-load/comments", null, false);
        assertEquals(dossier.comment.control.CommentThread.PAGE_COMMENTS, first.body().split("\"id\":").length - 1,
                "the JSON thread comes in pages, as the article page does");
        assertTrue(first.headers().allValues("Link").stream().anyMatch(l -> l.contains("?page=2") && l.contains("next")));
        assertEquals(500, dossier.testing.CommentIds.of(java.net.http.HttpClient.newHttpClient(),
                base.toURI().resolve("/api/articles/discussion-load/comments")).size());
    }

    /**
     * A thread of 250 comments (some top-level comments with replies) runs to three pages: the permanent address
     * of the first, the 150th and the last comment each lead to the page that shows it, and so does posting.
     */
    @Test
    void aCommentsPermanentAddressLandsOnThePageThatShowsIt() throws Exception {
        Browser chief = admin();
        chief.get("/articles/discussion-permalinks");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String parent = i % 10 == 9 ? ",\"parentId\":" + ids.get(ids.size() - 3) : "";
            HttpResponse<String> r = chief.json("POST", "/api/articles/discussion-permalinks/comments",
                    "{\"body\":\"Permalink comment number " + i + "\"" + parent + "}", true);
            assertEquals(201, r.statusCode(), r.body());
            ids.add(Long.parseLong(r.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1")));
        }
        Browser reader = visitor();
        java.util.Set<String> pages = new java.util.HashSet<>();
        for (long id : List.of(ids.get(0), ids.get(149), ids.get(249))) {
            String page = landing(reader, id);
            pages.add(page);
        }
        assertEquals(3, pages.size(), "the three comments are on three different pages: " + pages);

        Browser author = reader();
        author.get("/articles/discussion-permalinks");
        HttpResponse<String> posted = author.submit("/articles/discussion-permalinks/comments", "body", "My own, the 251st.");
        long mine = postedId(posted);
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("comments=3"), "a new comment is shown on the last page, not the first: " + location);
        HttpResponse<String> shown = author.get(location.replaceAll("#.*", ""));
        assertEquals("My own, the 251st.", Html.text(shown, "#comment-" + mine + " .comment-body"));
    }

    /** Follows a comment's permanent address; checks the page shows the comment and says which page it is. */
    private static String landing(Browser reader, long id) {
        HttpResponse<String> permalink = reader.get("/comments/" + id);
        assertEquals(303, permalink.statusCode());
        String location = permalink.headers().firstValue("Location").orElseThrow();
        assertTrue(location.endsWith("#comment-" + id), location);
        HttpResponse<String> page = reader.get(location.replaceAll("#.*", ""));
        assertEquals(200, page.statusCode());
        assertEquals(1, Html.select(page, "#comment-" + id).size(), "comment " + id + " is on " + location);
        return Html.text(page, "#comments .pager span");
    }

    @Test
    void aHiddenOrDeletedCommentHasNoPermanentAddressForReaders() throws Exception {
        Browser author = reader();
        author.get("/articles/discussion-flow");
        long hidden = postedId(author.submit("/articles/discussion-flow/comments", "body", "Soon hidden."));
        long deleted = postedId(author.submit("/articles/discussion-flow/comments", "body", "Soon deleted."));
        Browser chief = admin();
        chief.get("/articles/discussion-flow");
        assertEquals(303, chief.submit("/comments/" + hidden + "/hide").statusCode());
        author.get("/articles/discussion-flow");
        assertEquals(303, author.submit("/comments/" + deleted + "/delete").statusCode());
        assertEquals(404, visitor().get("/comments/" + hidden).statusCode(), "readers cannot find a hidden comment");
        assertEquals(303, chief.get("/comments/" + hidden).statusCode(), "moderators can");
        assertEquals(404, visitor().get("/comments/" + deleted).statusCode());
        assertEquals(404, visitor().get("/comments/999999999").statusCode());
        assertEquals(404, visitor().get("/comments/99999999999999999999999").statusCode(), "a number past long: not found");
    }

    /** Each article's discussion is an Atom feed, linked from the article; hidden comments stay out of it. */
    @Test
    void anArticlesCommentsAreAnAtomFeed() throws Exception {
        Browser author = reader();
        author.get("/articles/discussion-xss");
        long shown = postedId(author.submit("/articles/discussion-xss/comments", "body", "Feed me <script>alert(1)</script> **bold**"));
        long hidden = postedId(author.submit("/articles/discussion-xss/comments", "body", "Not for the feed."));
        Browser chief = admin();
        chief.get("/articles/discussion-xss");
        assertEquals(303, chief.submit("/comments/" + hidden + "/hide").statusCode());

        HttpResponse<String> article = visitor().get("/articles/discussion-xss");
        assertEquals(1, Html.select(article, "link[rel=alternate][type=application/atom+xml][href=/articles/discussion-xss/comments.atom]").size());
        HttpResponse<String> feed = visitor().send(visitor().request("/articles/discussion-xss/comments.atom")
                .header("Accept", "application/atom+xml, application/xml;q=0.9, */*;q=0.8"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, feed.statusCode());
        assertTrue(feed.headers().firstValue("Content-Type").orElse("").startsWith("application/atom+xml"));
        org.w3c.dom.Document xml = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(feed.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        org.w3c.dom.NodeList entries = xml.getElementsByTagName("entry");
        assertTrue(entries.getLength() >= 1);
        org.w3c.dom.Element newest = (org.w3c.dom.Element) entries.item(0);
        String link = ((org.w3c.dom.Element) newest.getElementsByTagName("link").item(0)).getAttribute("href");
        assertTrue(link.matches("https?://[^/]+/comments/" + shown), "the newest visible comment first, by its permanent address: " + link);
        String content = newest.getElementsByTagName("content").item(0).getTextContent();
        assertTrue(content.contains("<strong>bold</strong>"), content);
        assertFalse(content.contains("<script>"), "the comment's HTML as the page shows it, sanitized: " + content);
        assertFalse(feed.body().contains("Not for the feed."), "a hidden comment is not in the feed");
        assertEquals(404, visitor().send(visitor().request("/articles/no-such-article/comments.atom")
                .header("Accept", "application/atom+xml"), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static String username(Browser b) {
        return b.json("GET", "/api/me", null, false).body().replaceAll(".*\"username\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void aReportLandsInTheModerationQueueAndEveryActionInTheAuditLog() throws Exception {
        Browser author = reader();
        author.get("/articles/discussion-moderation");
        long id = postedId(author.submit("/articles/discussion-moderation/comments", "body", "A remark someone dislikes."));
        Browser reporter = reader();
        reporter.get("/comments/" + id + "/report");
        assertEquals(400, reporter.submit("/comments/" + id + "/report", "reason", "  ").statusCode(), "a reason is required");
        assertEquals(303, reporter.submit("/comments/" + id + "/report", "reason", "Personal attack <b>here</b>").statusCode());

        assertEquals(403, reporter.get("/admin/comments").statusCode(), "readers do not see the queue");
        assertEquals(303, visitor().get("/admin/comments").statusCode(), "anonymous visitors are sent to log in");
        Browser chief = admin();
        Document queue = Jsoup.parse(chief.get("/admin/comments").body());
        assertTrue(queue.text().contains("Personal attack <b>here</b>"), "the reason, escaped");
        assertTrue(queue.select("a[href=/comments/" + id + "]").size() >= 1);

        chief.get("/admin/comments");
        assertEquals(303, chief.submit("/comments/" + id + "/hide").statusCode());
        Document after = Jsoup.parse(chief.get("/admin/comments").body());
        assertFalse(after.text().contains("Personal attack"), "hiding resolves the report");
        assertTrue(after.select("table.audit").text().contains("comment.hide"));
        assertTrue(after.select("table.audit").text().contains("comment " + id));
    }

    @Test
    void aLockedDiscussionTakesNoNewComments() throws Exception {
        Browser alice = reader();
        alice.get("/articles/discussion-locked");
        postedId(alice.submit("/articles/discussion-locked/comments", "body", "Before the lock."));
        Browser chief = admin();
        chief.get("/articles/discussion-locked");
        assertEquals(303, chief.submit("/articles/discussion-locked/lock").statusCode());

        HttpResponse<String> refused = alice.submit("/articles/discussion-locked/comments", "body", "After the lock.");
        assertEquals(403, refused.statusCode());
        assertTrue(Html.text(refused, "#comments #comment-error").contains("closed"), "the reason, in the discussion's error");
        Document locked = Html.page(alice.get("/articles/discussion-locked"));
        assertEquals("This discussion is closed to new comments.", locked.select("#comments p.locked").text());
        assertTrue(locked.select("#comments .comment-body").eachText().contains("Before the lock."));
        assertTrue(locked.select("#comment-body").isEmpty(), "no form to post with");

        chief.get("/articles/discussion-locked");
        assertEquals(303, chief.submit("/articles/discussion-locked/unlock").statusCode());
        alice.get("/articles/discussion-locked");
        postedId(alice.submit("/articles/discussion-locked/comments", "body", "After the reopening."));
    }

    @Test
    void aPersonalTokenWorksWithoutSessionOrCsrfUntilRevoked() throws Exception {
        Browser alice = reader();
        alice.get("/account/tokens");
        HttpResponse<String> created = alice.submit("/account/tokens", "name", "backup script");
        assertEquals(201, created.statusCode());
        String token = Jsoup.parse(created.body()).getElementById("new-token").text();
        assertTrue(token.startsWith("dos_"));
        assertFalse(alice.get("/account/tokens").body().contains(token), "shown once only");

        java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();
        URI uri = base.toURI().resolve("/api/articles/discussion-moderation/comments");
        java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"body\":\"Posted by a script\"}")).build();
        HttpResponse<String> posted = plain.send(post, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, posted.statusCode(), posted.body());
        assertTrue(posted.body().contains("\"author\":\"" + username(alice) + "\""), "the token's owner is the author");

        java.net.http.HttpRequest forged = java.net.http.HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer dos_not-a-real-token").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"body\":\"x\"}")).build();
        assertEquals(401, plain.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode());

        Document page = Jsoup.parse(alice.get("/account/tokens").body());
        String revoke = page.select("form[action$=/revoke]").attr("action");
        assertEquals(303, alice.submit(revoke).statusCode());
        assertEquals(401, plain.send(post, HttpResponse.BodyHandlers.ofString()).statusCode(), "revoked");
    }

    @Test
    void aReadersPageShowsWhenTheyJoinedAndWhatTheyWrote() throws Exception {
        Browser alice = reader();
        alice.get("/articles/discussion-moderation");
        postedId(alice.submit("/articles/discussion-moderation/comments", "body", "Signed comment for the profile."));
        String name = username(alice);
        HttpResponse<String> profile = visitor().get("/users/" + name);
        assertEquals(200, profile.statusCode());
        Document page = Html.page(profile);
        assertTrue(page.select(".profile p.meta").text().startsWith("Joined"), page.select(".profile p.meta").text());
        assertTrue(page.select(".profile-comments").text().contains("Signed comment for the profile."));
        assertEquals(404, visitor().get("/users/nobody-at-all-here").statusCode());
    }

    private static String session(java.net.CookieManager jar) {
        return jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse("");
    }

    @Test
    void theSessionCookieIsGuardedAndRenewedAtLoginAndGoneAtLogout() throws Exception {
        java.net.CookieManager jar = new java.net.CookieManager();
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().cookieHandler(jar)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = client.send(java.net.http.HttpRequest.newBuilder(base.toURI().resolve("/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String formCookie = String.join(";", form.headers().allValues("Set-Cookie"));
        assertFalse(formCookie.contains("JSESSIONID"), "looking at the form starts no session: " + formCookie);
        assertTrue(formCookie.contains("HttpOnly") && formCookie.toLowerCase().contains("samesite=strict"), formCookie);

        Browser registered = reader();
        String name = username(registered);
        String csrf = form.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> login = client.send(java.net.http.HttpRequest.newBuilder(base.toURI().resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&username=" + name + "&password=" + PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, login.statusCode());
        String setCookie = String.join(";", login.headers().allValues("Set-Cookie"));
        assertTrue(setCookie.contains("JSESSIONID") && setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=lax"), setCookie);
        String before = session(jar);

        form = client.send(java.net.http.HttpRequest.newBuilder(base.toURI().resolve("/login")).build(), HttpResponse.BodyHandlers.ofString());
        csrf = form.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        assertEquals(303, client.send(java.net.http.HttpRequest.newBuilder(base.toURI().resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&username=" + name + "&password=" + PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        String after = session(jar);
        assertFalse(before.equals(after), "a new session id at login");

        HttpResponse<String> me = client.send(java.net.http.HttpRequest.newBuilder(base.toURI().resolve("/api/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode());
        csrf = client.send(java.net.http.HttpRequest.newBuilder(base.toURI().resolve("/account/tokens")).build(),
                HttpResponse.BodyHandlers.ofString()).body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        client.send(java.net.http.HttpRequest.newBuilder(base.toURI().resolve("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> gone = client.send(java.net.http.HttpRequest.newBuilder(base.toURI().resolve("/api/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, gone.statusCode(), "logged out");
    }

    @Test
    void aWordOnlyInTheDiscussionFindsTheArticleThere() throws Exception {
        Browser alice = reader();
        alice.get("/articles/discussion-limits");
        postedId(alice.submit("/articles/discussion-limits/comments", "body", "Have you tried the zeolite membranes?"));
        // How fast the index follows is measured by benchmarks; here only that it does (a loaded machine is slow).
        assertTrue(eventually(Duration.ofSeconds(15), () -> !Html.select(visitor().get("/search?q=zeolite"),
                        ".result a[href=/articles/discussion-limits]").isEmpty()),
                "the comment becomes searchable");
        Document results = Jsoup.parse(visitor().get("/search?q=zeolite").body());
        assertTrue(results.select(".found-in").text().contains("Found in the discussion"));
        assertTrue(results.select(".snippet mark").text().contains("zeolite"));
    }

    @Test
    void everyStateChangingEndpointRefusesARequestWithoutTheToken() throws Exception {
        List<dossier.testing.Endpoints.Endpoint> endpoints = dossier.testing.Endpoints.stateChanging();
        assertTrue(endpoints.size() >= 20, "found " + endpoints);
        Browser chief = admin();
        String before = Html.text(chief.get("/articles/discussion-flow"), "h2#comments-title");
        for (dossier.testing.Endpoints.Endpoint e : endpoints) {
            String payload = "DELETE".equals(e.method()) ? null : "{\"body\":\"forged\"}";
            String path = e.path("discussion-flow");
            if (e.template().equals("/unsubscribe")) {
                // The one address the CSRF filter lets through (RFC 8058's one-click POST has no token): its signed
                // token is the proof, and without one it refuses and changes nothing.
                assertEquals(400, chief.post(path, Map.of("List-Unsubscribe", "One-Click")).statusCode(), e + " without a signed token");
                continue;
            }
            HttpResponse<String> form = "POST".equals(e.method())
                    ? chief.post(path, Map.of("body", "forged", "name", "forged", "reason", "forged"))
                    : chief.json(e.method(), path, payload, false);
            assertEquals(403, form.statusCode(), e + " without a token");
            HttpResponse<String> json = chief.json(e.method(), path, payload, false);
            assertEquals(403, json.statusCode(), e + " as JSON without a token");
        }
        assertEquals(200, chief.json("GET", "/api/me", null, false).statusCode(), "still logged in: logout was refused too");
        String after = Html.text(chief.get("/articles/discussion-flow"), "h2#comments-title");
        assertEquals(before, after, "nothing changed");
    }

    @Test
    void malformedJsonGetsA400WithAMessageAndNothingStored() throws Exception {
        Browser alice = reader();
        alice.get("/articles/discussion-empty");
        for (String body : List.of("{bad", "[1,2]", "\"just a string\"", "{\"body\": {\"nested\": true}}", "")) {
            HttpResponse<String> answer = alice.json("POST", "/api/articles/discussion-empty/comments", body, true);
            assertEquals(400, answer.statusCode(), body + " -> " + answer.body());
            assertTrue(answer.body().contains("\"status\":400"), answer.body());
            assertFalse(answer.body().contains("Exception"), "no stack trace: " + answer.body());
        }
        String huge = "{\"body\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> tooLarge = alice.json("POST", "/api/articles/discussion-empty/comments", huge, true);
        assertEquals(413, tooLarge.statusCode());
        assertTrue(tooLarge.body().contains("larger than 1024 KB"), tooLarge.body());
        assertEquals("Comments (0)", Html.text(visitor().get("/articles/discussion-empty"), "h2#comments-title"));
    }

    /** A reader's comment under the article of these tests, posted through the page's form as a browser does. */
    private static long comment(Browser b, String text) {
        b.get("/articles/discussion-hardening");
        return postedId(b.submit("/articles/discussion-hardening/comments", "body", text));
    }

    private static String commentJson(Browser b, String slug, long id) {
        String thread = b.json("GET", "/api/articles/" + slug + "/comments", null, false).body();
        Matcher m = Pattern.compile("\\{[^{}]*\"id\":" + id + "[,}][^{}]*}?").matcher(thread);
        assertTrue(m.find(), thread);
        return m.group();
    }

    /** An edit is a post made again: a ban, a closed discussion and the rate limit hold for it too. */
    @Test
    void editsFollowThePostingRules() throws Exception {
        Browser banned = reader();
        long early = comment(banned, "Written before the ban.");
        Browser chief = admin();
        chief.get("/articles/discussion-hardening");
        assertEquals(303, chief.submit("/users/" + username(banned) + "/ban").statusCode());
        banned.get("/articles/discussion-hardening");
        assertEquals(403, banned.json("PUT", "/api/comments/" + early, "{\"body\":\"Rewritten after the ban.\"}", true).statusCode());
        assertTrue(commentJson(visitor(), "discussion-hardening", early).contains("Written before the ban."));

        Browser reader = reader();
        long mine = comment(reader, "Before the lock.");
        chief.get("/articles/discussion-hardening");
        assertEquals(303, chief.submit("/articles/discussion-hardening/lock").statusCode());
        try {
            reader.get("/articles/discussion-hardening");
            HttpResponse<String> locked = reader.json("PUT", "/api/comments/" + mine, "{\"body\":\"After the lock.\"}", true);
            assertEquals(403, locked.statusCode(), locked.body());
            assertTrue(commentJson(visitor(), "discussion-hardening", mine).contains("Before the lock."));
        } finally {
            chief.get("/articles/discussion-hardening");
            assertEquals(303, chief.submit("/articles/discussion-hardening/unlock").statusCode());
        }

        // One post and four edits are the five writes of a minute; the sixth is refused and changes nothing.
        Browser busy = reader();
        long often = comment(busy, "Edit number 0");
        assertTrue(commentTexts(visitor().get("/articles/discussion-hardening")).contains("Edit number 0"), "kept for strangers");
        for (int i = 1; i <= 4; i++) {
            assertEquals(200, busy.json("PUT", "/api/comments/" + often, "{\"body\":\"Edit number " + i + "\"}", true).statusCode());
        }
        HttpResponse<String> sixth = busy.json("PUT", "/api/comments/" + often, "{\"body\":\"Edit number 5\"}", true);
        assertEquals(429, sixth.statusCode(), sixth.body());
        assertTrue(commentJson(visitor(), "discussion-hardening", often).contains("Edit number 4"));
        assertTrue(eventually(Duration.ofSeconds(5), () -> commentTexts(visitor().get("/articles/discussion-hardening")).contains("Edit number 4")),
                "the kept page of the article shows the edit");
    }

    @Test
    void theJsonThreadSaysNothingOfRemovedComments() throws Exception {
        Browser author = reader();
        String name = username(author);
        long hidden = comment(author, "To be hidden.");
        long deleted = postedId(author.submit("/articles/discussion-hardening/comments", "body", "To be deleted."));
        Browser chief = admin();
        chief.get("/articles/discussion-hardening");
        assertEquals(303, chief.submit("/comments/" + hidden + "/hide").statusCode());
        author.get("/articles/discussion-hardening");
        assertEquals(204, author.json("DELETE", "/api/comments/" + deleted, null, true).statusCode());
        for (long id : List.of(hidden, deleted)) {
            String json = commentJson(visitor(), "discussion-hardening", id);
            assertFalse(json.contains(name), json);
            assertTrue(json.contains("\"status\":\"removed\""), json);
            assertFalse(json.contains("\"created\":\"2"), "no time: " + json);
        }
        assertTrue(commentJson(chief, "discussion-hardening", hidden).contains("To be hidden."), "moderators still read it");
    }

    @Test
    void profilesAndReportFormsTellNothingOfArticlesReadersCannotRead() throws Exception {
        Browser chief = admin();
        String slug = "withdrawn-" + UUID.randomUUID().toString().substring(0, 8);
        chief.get("/");
        HttpResponse<String> created = chief.json("POST", "/api/articles",
                "{\"slug\":\"" + slug + "\",\"title\":\"Soon withdrawn analysis\",\"markdown\":\"Text.\",\"status\":\"published\"}", true);
        assertEquals(201, created.statusCode(), created.body());
        Browser author = reader();
        String name = username(author);
        author.get("/articles/" + slug);
        long id = postedId(author.submit("/articles/" + slug + "/comments", "body", "A remark under a live article."));
        assertTrue(Html.text(visitor().get("/users/" + name), ".profile-comments").contains("Soon withdrawn analysis"));

        String version = created.body().replaceAll(".*\"version\":(\\d+).*", "$1");
        HttpResponse<String> withdrawn = chief.json("PUT", "/api/articles/" + slug,
                "{\"title\":\"Soon withdrawn analysis\",\"markdown\":\"Text.\",\"status\":\"unpublished\",\"version\":" + version + "}", true);
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        assertEquals(410, visitor().get("/articles/" + slug).statusCode());

        String profile = visitor().get("/users/" + name).body();
        assertFalse(profile.contains("Soon withdrawn analysis"), profile);
        assertFalse(profile.contains(slug));
        assertFalse(profile.contains("A remark under a live article."));

        Browser other = reader();
        HttpResponse<String> form = other.get("/comments/" + id + "/report");
        assertEquals(404, form.statusCode());
        assertFalse(form.body().contains(slug), "the report form does not name the withdrawn article");
        other.get("/articles/discussion-hardening");
        assertEquals(404, other.submit("/comments/" + id + "/report", "reason", "spam").statusCode());
    }

    @Test
    void bannedReadersCannotFloodTheModeratorsWithReports() throws Exception {
        Browser author = reader();
        long id = comment(author, "A harmless remark.");
        Browser troll = reader();
        Browser chief = admin();
        chief.get("/articles/discussion-hardening");
        assertEquals(303, chief.submit("/users/" + username(troll) + "/ban").statusCode());
        HttpResponse<String> form = troll.get("/comments/" + id + "/report");
        assertEquals(403, form.statusCode(), "told before writing a word");
        assertTrue(Jsoup.parse(form.body()).text().contains("Your account may not take part in discussions."), form.body());
        HttpResponse<String> refused = troll.submit("/comments/" + id + "/report", "reason", "I report everything.");
        assertEquals(403, refused.statusCode());
        assertFalse(chief.get("/admin/comments").body().contains("I report everything."));
    }
}
