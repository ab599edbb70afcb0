package dossier.article;

import dossier.article.control.ArticleSource;
import dossier.article.control.ContentParser;
import dossier.markdown.control.MarkdownRenderer;
import dossier.testing.Browser;
import dossier.testing.Problem;
import dossier.testing.Html;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static dossier.testing.Polling.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Editors write, publish, schedule, revise, rename, unpublish, sync and export articles, against the real WAR
 * in Payara Micro over HTTP. Each test makes its own articles with unique slugs.
 */
@RunAsClient
public abstract class EditorScenarios extends dossier.testing.Scenarios {

    static final String ADMIN = "chief";
    static final String ADMIN_PASSWORD = "chief-editor-secret-42";
    static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);


    /** Runs against the server at {@code base}, shared with the other system tests (see {@code dossier.SystemIT}). */
    protected EditorScenarios(URL base) {
        super(base);
    }




    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The editor's form fields for a new article. */
    private static String[] fields(String slug, String title, String markdown, String action, String... more) {
        // Dated in the past, so that the test articles do not push the shipped ones off the first home page.
        List<String> f = new ArrayList<>(List.of("title", title, "slug", slug, "summary", "", "tags", "testing, editor",
                "author", "Desk", "published", "2020-01-01T00:00:00", "path", "", "markdown", markdown, "message", "", "action", action));
        for (int i = 0; i < more.length; i += 2) {
            int at = f.indexOf(more[i]);
            if (at >= 0 && at % 2 == 0) {
                f.set(at + 1, more[i + 1]);
            } else {
                f.add(more[i]);
                f.add(more[i + 1]);
            }
        }
        return f.toArray(String[]::new);
    }

    /** Opens /new, as an editor does, and submits the form with these fields. */
    private static HttpResponse<String> create(Browser editor, String... fields) {
        editor.get("/new");
        return editor.submit("/new", fields);
    }

    private static String version(HttpResponse<String> editPage) {
        return Jsoup.parse(editPage.body()).selectFirst("input[name=version]").val();
    }

    private HttpResponse<String> searchFor(String word) throws Exception {
        return visitor().json("GET", "/api/search?q=" + word, null, false);
    }

    private boolean searchFinds(String word, String slug) throws Exception {
        HttpResponse<String> r = searchFor(word);
        assertEquals(200, r.statusCode());
        return r.body().contains("\"slug\":\"" + slug + "\"");
    }

    /** The text of the article on its page, as a reader reads it. */
    private static String text(HttpResponse<String> articlePage) {
        assertEquals(200, articlePage.statusCode());
        return Html.text(articlePage, "article.article > div.body");
    }

    private boolean listedOnTheHomePage(String slug) throws Exception {
        return !Html.select(visitor().get("/"), "ol.article-list li.teaser h2 a[href=/articles/" + slug + "]").isEmpty();
    }

    @Test
    void anEditorWritesPreviewsSavesADraftAndPublishes() throws Exception {
        Browser chief = editor();
        String slug = unique("editor-flow");
        String word = "quokkanomics" + slug.substring(slug.length() - 4);
        assertEquals(200, chief.get("/new").statusCode());

        HttpResponse<String> preview = chief.submit("/new", fields(slug, "Draft <b>title</b>", "## Findings\n\nThe *" + word + "* effect.", "preview"));
        assertEquals(200, preview.statusCode());
        Document previewed = Jsoup.parse(preview.body());
        assertEquals("Findings", previewed.select("#preview h2").text());
        assertEquals(word, previewed.select("#preview em").text());
        assertTrue(previewed.select("#markdown").text().contains("The *" + word), "the text stays in the form");
        assertEquals(404, visitor().get("/articles/" + slug).statusCode(), "a preview saves nothing");

        HttpResponse<String> draft = chief.submit("/new", fields(slug, "Draft <b>title</b>", "## Findings\n\nThe *" + word + "* effect.", "draft"));
        assertEquals(303, draft.statusCode(), draft.body());
        assertTrue(draft.headers().firstValue("Location").orElse("").contains("/articles/" + slug + "/edit"));
        assertEquals(404, visitor().get("/articles/" + slug).statusCode(), "a draft is invisible to anonymous readers");
        assertEquals(404, reader().get("/articles/" + slug).statusCode(), "and to logged-in readers");
        assertFalse(visitor().get("/").body().contains(slug));
        assertFalse(searchFinds(word, slug), "a draft is not searchable");
        HttpResponse<String> asEditor = chief.get("/articles/" + slug);
        assertEquals(200, asEditor.statusCode());
        Document asEditorPage = Html.page(asEditor);
        assertEquals("Draft: only editors see this article.", asEditorPage.select("article.article p.notice").text());
        assertEquals("Draft <b>title</b>", asEditorPage.select("h1").text(), "the title is shown as written");
        assertTrue(asEditorPage.select("h1 b").isEmpty(), "as text, never as markup");

        HttpResponse<String> edit = chief.get("/articles/" + slug + "/edit");
        HttpResponse<String> publish = chief.submit("/articles/" + slug + "/edit",
                fields(slug, "Published title", "## Findings\n\nThe *" + word + "* effect.", "publish", "version", version(edit),
                        "published", ""));
        assertEquals(303, publish.statusCode(), publish.body());
        HttpResponse<String> live = visitor().get("/articles/" + slug);
        assertEquals(200, live.statusCode());
        assertEquals("Published title", Html.text(live, "h1"));
        assertTrue(listedOnTheHomePage(slug), "listed on the home page");
        assertTrue(eventually(Duration.ofSeconds(5), () -> searchFinds(word, slug)), "searchable once published");
    }

    @Test
    void aScheduledArticleGoesLiveAtItsTimeWithoutARestart() throws Exception {
        Browser chief = editor();
        String slug = unique("editor-scheduled");
        String word = "wombatics" + slug.substring(slug.length() - 4);
        Instant at = Instant.now().plusSeconds(6).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        chief.get("/new");
        HttpResponse<String> saved = chief.submit("/new", fields(slug, "Scheduled piece", "On *" + word + "*.", "publish",
                "published", INPUT.format(at)));
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(404, visitor().get("/articles/" + slug).statusCode(), "invisible before its time");
        assertFalse(visitor().get("/").body().contains(slug));
        assertFalse(searchFinds(word, slug));
        assertTrue(Html.text(chief.get("/articles/" + slug), "article.article p.notice").startsWith("Scheduled: readers see this article from"));

        assertTrue(eventually(Duration.ofSeconds(15), () -> visitor().get("/articles/" + slug).statusCode() == 200), "visible after its time");
        assertFalse(Instant.now().isBefore(at), "not before");
        assertTrue(eventually(Duration.ofSeconds(5), () -> listedOnTheHomePage(slug)), "on the (cached) home page");
        assertTrue(eventually(Duration.ofSeconds(5), () -> searchFinds(word, slug)), "and searchable");
    }

    @Test
    void stagedEditsLeaveTheLivePageAloneUntilPublished() throws Exception {
        Browser chief = editor();
        String slug = unique("editor-staged");
                assertEquals(303, create(chief, fields(slug, "Staged", "The live text.", "publish")).statusCode());
        HttpResponse<String> edit = chief.get("/articles/" + slug + "/edit");
        HttpResponse<String> staged = chief.submit("/articles/" + slug + "/edit",
                fields(slug, "Staged", "The staged text.", "draft", "version", version(edit)));
        assertEquals(303, staged.statusCode(), staged.body());
        assertEquals("The live text.", text(visitor().get("/articles/" + slug)), "readers still see the live text");
        HttpResponse<String> again = chief.get("/articles/" + slug + "/edit");
        Document form = Html.page(again);
        assertEquals("The staged text.", form.select("textarea#markdown").val(), "the editor continues from the staged draft");
        assertTrue(form.select(".editor-page p.notice").text().contains("unpublished draft saved as revision 2"), form.select(".notice").text());
        assertEquals(303, chief.submit("/articles/" + slug + "/edit",
                fields(slug, "Staged", "The staged text.", "publish", "version", version(again))).statusCode());
        assertEquals("The staged text.", text(visitor().get("/articles/" + slug)));
    }

    @Test
    void everySaveIsARevisionThatCanBeComparedAndRestored() throws Exception {
        Browser chief = editor();
        String slug = unique("editor-revisions");
                assertEquals(303, create(chief, fields(slug, "Revisions", "first line\nsecond line\n", "publish",
                "message", "first cut", "summary", "Fixed.")).statusCode());
        HttpResponse<String> edit = chief.get("/articles/" + slug + "/edit");
        assertEquals(303, chief.submit("/articles/" + slug + "/edit", fields(slug, "Revisions", "first line\nchanged line\n",
                "publish", "version", version(edit), "message", "tightened", "summary", "Fixed.",
                "published", Jsoup.parse(edit.body()).selectFirst("#published").val())).statusCode());
        assertTrue(text(visitor().get("/articles/" + slug)).contains("changed line"));

        HttpResponse<String> history = chief.get("/articles/" + slug + "/history");
        Document h = Jsoup.parse(history.body());
        assertNotNull(h.getElementById("revision-1"));
        assertNotNull(h.getElementById("revision-2"));
        assertTrue(h.getElementById("revision-2").text().contains("tightened"));
        assertTrue(h.getElementById("revision-2").text().contains(ADMIN));

        Document diff = Jsoup.parse(chief.get("/articles/" + slug + "/diff?from=1&to=2").body());
        assertEquals(List.of("removed: second line"), diff.select("tr.removed del").eachText());
        assertEquals(List.of("added: changed line"), diff.select("tr.added ins").eachText());

        HttpResponse<String> restore = chief.submit("/articles/" + slug + "/revisions/1/restore");
        assertEquals(303, restore.statusCode(), restore.body());
        HttpResponse<String> page = visitor().get("/articles/" + slug);
        assertTrue(text(page).contains("second line") && !page.body().contains("changed line"), "revision 1's text is back");
        Document after = Jsoup.parse(chief.get("/articles/" + slug + "/history").body());
        assertTrue(after.getElementById("revision-3").text().contains("Restored revision 1"), "as a new revision");
    }

    @Test
    void aRenameKeepsOldAddressesAsOneHopRedirects() throws Exception {
        Browser chief = editor();
        String first = unique("editor-name-a");
        String second = unique("editor-name-b");
        String third = unique("editor-name-c");
                assertEquals(303, create(chief, fields(first, "Renamed", "Text.", "publish")).statusCode());
        for (String[] hop : new String[][] {{first, second}, {second, third}}) {
            HttpResponse<String> edit = chief.get("/articles/" + hop[0] + "/edit");
            HttpResponse<String> saved = chief.submit("/articles/" + hop[0] + "/edit",
                    fields(hop[1], "Renamed", "Text.", "publish", "version", version(edit)));
            assertEquals(303, saved.statusCode(), saved.body());
        }
        for (String old : List.of(first, second)) {
            HttpResponse<String> moved = visitor().get("/articles/" + old + "?comments=2");
            assertEquals(301, moved.statusCode(), old);
            assertEquals("/articles/" + third + "?comments=2", moved.headers().firstValue("Location").orElse("")
                    .replaceFirst("^https?://[^/]+", ""), "one hop to the current address, query kept");
        }
        assertEquals(200, visitor().get("/articles/" + third).statusCode());
        HttpResponse<String> api = visitor().json("GET", "/api/articles/" + third, null, false);
        assertTrue(api.body().contains("\"slug\":\"" + third + "\""));

        // A new article may take an old slug; the redirect then gives way.
                assertEquals(303, create(chief, fields(first, "New owner", "Other text.", "publish")).statusCode());
        assertEquals("New owner", Html.text(visitor().get("/articles/" + first), "h1"));
    }

    @Test
    void ofTwoConcurrentSavesOneGets409AndKeepsItsText() throws Exception {
        Browser chief = editor();
        Browser deputy = editor();
        String slug = unique("editor-concurrent");
                assertEquals(303, create(chief, fields(slug, "Contested", "Base text.", "publish")).statusCode());
        String v = version(chief.get("/articles/" + slug + "/edit"));
        deputy.get("/articles/" + slug + "/edit");

        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> a = two.submit(() -> chief.submit("/articles/" + slug + "/edit",
                    fields(slug, "Contested", "Chief's text.", "publish", "version", v)));
            Future<HttpResponse<String>> b = two.submit(() -> deputy.submit("/articles/" + slug + "/edit",
                    fields(slug, "Contested", "Deputy's text.", "publish", "version", v)));
            List<HttpResponse<String>> answers = List.of(a.get(), b.get());
            List<Integer> codes = answers.stream().map(HttpResponse::statusCode).sorted().toList();
            assertEquals(List.of(303, 409), codes, "one save wins, the other is refused");
            HttpResponse<String> refused = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            HttpResponse<String> won = answers.stream().filter(r -> r.statusCode() == 303).findFirst().orElseThrow();
            String loserText = refused == answers.get(0) ? "Chief's text." : "Deputy's text.";
            String winnerText = won == answers.get(0) ? "Chief's text." : "Deputy's text.";
            Document form = Jsoup.parse(refused.body());
            assertEquals(loserText, form.selectFirst("#markdown").text(), "the refused editor's text is kept");
            assertTrue(form.select(".form-error").text().contains("changed by someone else"));
            assertFalse(form.select("table.diff").isEmpty(), "with a diff against the current version");
            assertEquals(winnerText, text(visitor().get("/articles/" + slug)), "no lost update");
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void unpublishingAnswers410() throws Exception {
        Browser chief = editor();
        String slug = unique("editor-gone");
                assertEquals(303, create(chief, fields(slug, "Soon gone", "Text.", "publish")).statusCode());
        assertEquals(200, visitor().get("/articles/" + slug).statusCode());
        chief.get("/articles/" + slug + "/edit");
        assertEquals(303, chief.submit("/articles/" + slug + "/unpublish").statusCode());
        HttpResponse<String> gone = visitor().get("/articles/" + slug);
        assertEquals(410, gone.statusCode());
        assertTrue(Html.text(gone, "main section.error-page").contains("withdrawn"), Html.text(gone, "main"));
        assertFalse(visitor().get("/").body().contains("/articles/" + slug));
    }

    @Test
    void theApiDoesTheSameWithAPersonalToken() throws Exception {
        Browser chief = editor();
        chief.get("/account/tokens");
        HttpResponse<String> made = chief.submit("/account/tokens", "name", "editor-it");
        String token = Jsoup.parse(made.body()).getElementById("new-token").text();
        assertFalse(token.isEmpty(), made.body());
        HttpClient http = HttpClient.newHttpClient();
        String slug = unique("editor-api");
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.toURI().resolve("/api/articles"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"" + slug + "\",\"title\":\"By script\",\"markdown\":\"Scripted.\",\"status\":\"published\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String renamed = slug + "-renamed";
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(base.toURI().resolve("/api/articles/" + slug))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"slug\":\"" + renamed + "\",\"title\":\"By script\",\"markdown\":\"Rescripted.\",\"status\":\"published\",\"version\":" 
                        + created.body().replaceAll(".*\"version\":(\\d+).*", "$1") + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(301, visitor().get("/articles/" + slug).statusCode());
        HttpResponse<String> stale = http.send(HttpRequest.newBuilder(base.toURI().resolve("/api/articles/" + renamed))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"Old\",\"markdown\":\"Stale.\",\"status\":\"published\",\"version\":0}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, stale.statusCode());
        assertEquals("Rescripted.", text(visitor().get("/articles/" + renamed)));
    }

    @Test
    void theAuditLogShowsWhoDidWhat() throws Exception {
        Browser chief = editor();
        String slug = unique("editor-audit");
                assertEquals(303, create(chief, fields(slug, "Audited", "Text.", "publish")).statusCode());
        chief.get("/articles/" + slug + "/edit");
        assertEquals(303, chief.submit("/articles/" + slug + "/unpublish").statusCode());
        Document audit = Jsoup.parse(chief.get("/admin/audit?target=" + slug).body());
        List<String> actions = audit.select("table.audit tbody tr td:nth-child(3)").eachText();
        assertEquals(List.of("article.unpublish", "article.publish", "article.create"), actions);
        assertTrue(audit.select("table.audit tbody tr td:nth-child(2)").eachText().stream().allMatch(ADMIN::equals));
    }

    @Test
    void aFileChangedAfterABrowserEditIsAConflictAndNothingIsOverwritten() throws Exception {
        Browser chief = editor();
        String slug = "editor-sync-conflict";
        HttpResponse<String> edit = chief.get("/articles/" + slug + "/edit");
        assertEquals(200, edit.statusCode());
        assertEquals(303, chief.submit("/articles/" + slug + "/edit", fields(slug, "A file edited on both sides",
                "The text as the browser says it.", "publish", "version", version(edit))).statusCode());
        Path file = Path.of("target/it-content/editor/sync-conflict.md");
        String change = "A line the file gained: " + UUID.randomUUID();
        Files.writeString(file, Files.readString(file) + "\n" + change + "\n");

        chief.get("/admin/sync");
        Document dryRun = Jsoup.parse(chief.get("/admin/sync?dry-run=true").body());
        assertTrue(dryRun.select(".sync-report").text().contains("1 in conflict"), dryRun.select(".sync-report").text());
        HttpResponse<String> synced = chief.submit("/admin/sync");
        assertEquals(200, synced.statusCode());
        Document page = Jsoup.parse(synced.body());
        assertTrue(page.select(".conflicts").text().contains("editor/sync-conflict.md"), "the conflict is listed");
        assertEquals("The text as the browser says it.", text(visitor().get("/articles/" + slug)), "nothing overwritten");

        String conflictId = page.selectFirst(".conflicts li").id().replace("conflict-", "");
        assertEquals(303, chief.submit("/admin/sync/" + conflictId + "/take-file").statusCode());
        assertTrue(text(visitor().get("/articles/" + slug)).contains(change), "the editor chose the file");
        assertTrue(Jsoup.parse(chief.get("/admin/sync").body()).select(".conflicts li").isEmpty());
    }

    @Test
    void theExportHoldsEveryArticleAsAFileThatReadsBackTheSame() throws Exception {
        Browser chief = editor();
        String slug = unique("editor-export");
                assertEquals(303, create(chief, fields(slug, "Exported: a title", "Body with `code`\n\n---\n\nand a rule.",
                "draft", "summary", "One line.", "path", "/" + slug)).statusCode());
        HttpResponse<byte[]> zip = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build()
                .send(HttpRequest.newBuilder(base.toURI().resolve("/api/export")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(401, zip.statusCode(), "not for anonymous visitors");

        Map<String, String> files = new HashMap<>();
        byte[] bytes = chief.bytes("/admin/export.zip");
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        HttpResponse<String> list = chief.json("GET", "/api/articles", null, false);
        int articles = Integer.parseInt(list.headers().firstValue("X-Total-Count").orElseThrow());
        assertEquals(articles, files.size(), "one file per article, drafts included");
        ContentParser parser = new ContentParser(new MarkdownRenderer());
        ArticleSource back = parser.parse(slug + ".md", files.get(slug + ".md").getBytes(StandardCharsets.UTF_8), "x", Instant.now());
        assertEquals(slug, back.slug());
        assertEquals("Exported: a title", back.title());
        assertEquals("One line.", back.summary());
        assertEquals("/" + slug, back.aliasPath());
        assertEquals("DRAFT", back.status().name());
        assertEquals(List.of("editor", "testing"), back.tags());
        assertEquals("Body with `code`\n\n---\n\nand a rule.", back.markdown(), "the text exactly as written");
        Document page = Jsoup.parse(chief.get("/articles/" + slug).body());
        assertEquals(Jsoup.parse(back.body().html()).body().html(), page.selectFirst("article.article > div.body").html(),
                "renders to the same page");
    }

    @Test
    void readersAndAnonymousVisitorsAreRefusedEverywhere() throws Exception {
        Browser chief = editor();
        String slug = unique("editor-guarded");
                assertEquals(303, create(chief, fields(slug, "Guarded", "Text.", "publish")).statusCode());
        List<String> pages = List.of("/new", "/articles/" + slug + "/edit", "/articles/" + slug + "/history",
                "/articles/" + slug + "/diff?from=1&to=1", "/admin/articles", "/admin/audit", "/admin/sync",
                "/admin/export.zip");
        List<String> posts = List.of("/new", "/articles/" + slug + "/edit", "/articles/" + slug + "/unpublish",
                "/articles/" + slug + "/discard", "/articles/" + slug + "/delete", "/articles/" + slug + "/revisions/1/restore",
                "/admin/sync", "/admin/sync/1/keep", "/admin/sync/1/take-file");
        Browser reader = reader();
        Browser anonymous = visitor();
        for (String p : pages) {
            assertEquals(403, reader.get(p).statusCode(), "reader GET " + p);
            HttpResponse<String> anon = anonymous.get(p);
            assertEquals(303, anon.statusCode(), "anonymous GET " + p);
            assertTrue(anon.headers().firstValue("Location").orElse("").contains("/login?return="), p);
        }
        for (String p : posts) {
            assertEquals(403, reader.submit(p, fields(slug, "Hijacked", "Hijacked.", "publish", "confirm", slug)).statusCode(), "reader POST " + p);
            assertEquals(303, anonymous.submit(p, fields(slug, "Hijacked", "Hijacked.", "publish", "confirm", slug)).statusCode(), "anonymous POST " + p);
        }
        for (String[] api : new String[][] {{"POST", "/api/articles"}, {"PUT", "/api/articles/" + slug}, {"DELETE", "/api/articles/" + slug},
                {"GET", "/api/export"}, {"POST", "/api/sync?dryRun=true"}, {"POST", "/api/preview"}, {"GET", "/api/articles/" + slug + "/revisions"},
                {"GET", "/api/articles/" + slug + "/export"}}) {
            String body = "GET".equals(api[0]) || "DELETE".equals(api[0]) ? null
                    : "{\"slug\":\"" + slug + "\",\"title\":\"Hijacked\",\"markdown\":\"x\",\"version\":1}";
            assertEquals(403, reader.json(api[0], api[1], body, true).statusCode(), "reader " + api[0] + " " + api[1]);
            assertEquals(401, anonymous.json(api[0], api[1], body, false).statusCode(), "anonymous " + api[0] + " " + api[1]);
        }
        HttpResponse<String> page = visitor().get("/articles/" + slug);
        assertEquals(200, page.statusCode());
        assertEquals("Guarded", Html.text(page, "h1"));
        assertFalse(page.body().contains("Hijacked"), "nothing changed");
    }

    @Test
    void anArticleListsTheArticlesThatLinkToIt() throws Exception {
        Browser chief = editor();
        String target = unique("editor-cited");
        String citing = unique("editor-citing");
                assertEquals(303, create(chief, fields(target, "Cited piece", "Text.", "publish")).statusCode());
                assertEquals(303, create(chief, fields(citing, "Citing piece", "As [the cited piece](/articles/" + target
                + "#x) shows.", "publish")).statusCode());
        assertTrue(eventually(Duration.ofSeconds(5), () -> Jsoup.parse(visitor().get("/articles/" + target).body())
                .select(".backlinks a").eachAttr("href").contains("/articles/" + citing)), "referenced by the citing article");
        assertTrue(Jsoup.parse(visitor().get("/articles/" + citing).body()).select(".backlinks").isEmpty(),
                "nothing links to the citing one");
    }

    /** Changing an article's text through the API without naming its publication time keeps the time it has. */
    @Test
    void anEditThatLeavesOutThePublicationTimeKeepsIt() throws Exception {
        Browser editor = editor();
        editor.get("/");
        String slug = unique("keeps-its-date");
        HttpResponse<String> created = editor.json("POST", "/api/articles", "{\"slug\":\"" + slug
                + "\",\"title\":\"Dated\",\"markdown\":\"Text.\",\"status\":\"published\",\"published\":\"2024-03-01T10:00:00Z\"}", true);
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> put = editor.json("PUT", "/api/articles/" + slug, "{\"title\":\"Dated\",\"markdown\":\"Text, corrected.\","
                + "\"status\":\"published\",\"version\":" + created.body().replaceAll(".*\"version\":(\\d+).*", "$1") + "}", true);
        assertEquals(200, put.statusCode(), put.body());
        assertTrue(put.body().contains("\"published\":\"2024-03-01T10:00:00Z\""), "still published on 1 March 2024: " + put.body());
    }

    /** An old address must not tell readers the new slug of an article they may not read. */
    @Test
    void anOldSlugOfAnArticleTakenBackToDraftRevealsNothing() throws Exception {
        Browser editor = editor();
        editor.get("/");
        String slug = unique("renamed-then-drafted");
        String renamed = slug + "-secret-new-name";
        HttpResponse<String> created = editor.json("POST", "/api/articles",
                "{\"slug\":\"" + slug + "\",\"title\":\"Renamed\",\"markdown\":\"Text.\",\"status\":\"published\"}", true);
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> put = editor.json("PUT", "/api/articles/" + slug, "{\"slug\":\"" + renamed
                + "\",\"title\":\"Renamed\",\"markdown\":\"Text.\",\"status\":\"published\",\"version\":"
                + created.body().replaceAll(".*\"version\":(\\d+).*", "$1") + "}", true);
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(301, visitor().get("/articles/" + slug).statusCode(), "while it is live, the old address leads to it");

        String current = editor.json("GET", "/api/articles/" + renamed, null, false).body();
        HttpResponse<String> drafted = editor.json("PUT", "/api/articles/" + renamed, "{\"title\":\"Renamed\",\"markdown\":\"Text.\","
                + "\"status\":\"unpublished\",\"version\":" + current.replaceAll(".*\"version\":(\\d+).*", "$1") + "}", true);
        assertEquals(200, drafted.statusCode(), drafted.body());
        HttpResponse<String> old = visitor().get("/articles/" + slug);
        assertEquals(410, old.statusCode());
        assertFalse(old.headers().firstValue("Location").isPresent(), "no redirect");
        assertFalse(old.body().contains(renamed), "the new slug is not named");
        assertEquals(301, editor.get("/articles/" + slug).statusCode(), "editors are still led to it");
    }

    /**
     * The article API refuses what it cannot take with a problem document that names each field and says what is
     * wrong with it, and keeps nothing of a refused request; the same article, sent right, is then accepted.
     */
    @Test
    void theArticleApiNamesEachInvalidFieldAndStoresNothing() throws Exception {
        Browser chief = editor();
        String slug = unique("editor-invalid");
        Problem tooMuch = Problem.of(chief.json("POST", "/api/articles", "{\"slug\":\"" + slug + "\",\"title\":"
                + Browser.json("T".repeat(501)) + ",\"summary\":" + Browser.json("s".repeat(2_001))
                + ",\"status\":\"pubished\",\"markdown\":\"Text.\"}", true), 400);
        assertEquals(Set.of("title", "summary", "status"), tooMuch.fields().keySet(), tooMuch.toString());
        assertTrue(tooMuch.fields().get("title").contains("at most 500 characters"), tooMuch.toString());
        assertTrue(tooMuch.fields().get("summary").contains("at most 2000 characters"), tooMuch.toString());
        assertTrue(tooMuch.fields().get("status").contains("draft, published or unpublished"), tooMuch.toString());
        assertTrue(tooMuch.detail().contains("title") && tooMuch.detail().contains("status"), "the sentence names them too: " + tooMuch.detail());
        assertEquals(404, chief.json("GET", "/api/articles/" + slug, null, false).statusCode(), "nothing stored");

        Problem notASlug = Problem.of(chief.json("POST", "/api/articles", "{\"slug\":\"" + slug.toUpperCase() + " Now\","
                + "\"title\":\"Fine\",\"markdown\":\"Text.\"}", true), 400);
        assertEquals(Set.of("slug"), notASlug.fields().keySet(), notASlug.toString());
        assertEquals(404, chief.json("GET", "/api/articles/" + slug + "-now", null, false).statusCode(), "not stored under a made-up slug");
        Problem noSlug = Problem.of(chief.json("POST", "/api/articles", "{\"title\":\"Fine\",\"markdown\":\"Text.\"}", true), 400);
        assertEquals(Set.of("slug"), noSlug.fields().keySet(), noSlug.toString());
        Problem noBody = Problem.of(chief.json("POST", "/api/articles", "null", true), 400);
        assertTrue(noBody.detail().contains("JSON object"), noBody.detail());

        HttpResponse<String> created = chief.json("POST", "/api/articles", "{\"slug\":\"" + slug + "\",\"title\":\"Fine\","
                + "\"markdown\":\"Text.\",\"status\":\"Draft\"}", true);
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"status\":\"draft\""), created.body());

        Problem noVersion = Problem.of(chief.json("PUT", "/api/articles/" + slug, "{\"title\":\"Changed\",\"markdown\":\"Changed.\"}", true), 400);
        assertEquals(Set.of("version"), noVersion.fields().keySet(), noVersion.toString());
        assertTrue(noVersion.fields().get("version").contains("the version you read"), noVersion.toString());
        Problem wrongType = Problem.of(chief.json("PUT", "/api/articles/" + slug, "{\"title\":\"Changed\",\"version\":\"one\"}", true), 400);
        assertEquals(Set.of("version"), wrongType.fields().keySet(), wrongType.toString());
        assertTrue(wrongType.fields().get("version").contains("number"), wrongType.toString());
        Problem notAList = Problem.of(chief.json("PUT", "/api/articles/" + slug, "{\"tags\":\"energy\",\"version\":1}", true), 400);
        assertEquals(Set.of("tags"), notAList.fields().keySet(), notAList.toString());
        Problem broken = Problem.of(chief.json("PUT", "/api/articles/" + slug, "{\"title\":\"Changed\",", true), 400);
        assertTrue(broken.detail().contains("not valid JSON") && broken.detail().contains("stops before its end"), broken.detail());
        Problem misspelt = Problem.of(chief.json("PUT", "/api/articles/" + slug, "{\"title\":\"Changed\"\n\"version\":1}", true), 400);
        assertTrue(misspelt.detail().contains("goes wrong at line 2"), misspelt.detail());
        String after = chief.json("GET", "/api/articles/" + slug, null, false).body();
        assertTrue(after.contains("\"title\":\"Fine\"") && !after.contains("Changed"), "the article is unchanged: " + after);
    }

    /** The list of articles comes in pages of at most 100, whatever a client asks for, with links between them. */
    @Test
    void theArticleListComesInBoundedPages() throws Exception {
        HttpResponse<String> first = visitor().json("GET", "/api/articles?limit=2147483647&page=-5", null, false);
        assertEquals(200, first.statusCode(), first.body());
        long total = Long.parseLong(first.headers().firstValue("X-Total-Count").orElseThrow());
        int shown = first.body().split("\"slug\":").length - 1;
        assertEquals(Math.min(total, 100), shown);
        HttpResponse<String> two = visitor().json("GET", "/api/articles?limit=2", null, false);
        assertEquals(2, two.body().split("\"slug\":").length - 1);
        assertTrue(two.headers().allValues("Link").stream().anyMatch(l -> l.contains("page=2&limit=2") && l.contains("rel=\"next\"")),
                two.headers().toString());
        HttpResponse<String> far = visitor().json("GET", "/api/articles?limit=2&page=2147483647", null, false);
        assertEquals(200, far.statusCode(), "a page past the end is the last page");
    }
}
