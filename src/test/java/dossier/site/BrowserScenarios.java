package dossier.site;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.time.Duration;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static dossier.testing.Polling.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Page flows in Debian's headless Chromium against the real WAR: the discussion with JavaScript (posting,
 * replying and editing without leaving the page) and without it. Every request a page makes is recorded and
 * must go to this server. Screenshots land in {@code target/screenshots}.
 */
@RunAsClient
public abstract class BrowserScenarios extends dossier.testing.Scenarios {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SHOTS = Paths.get("target", "screenshots");
    private static Playwright playwright;
    private static Browser chromium;


    /** Runs against the server at {@code base}, shared with the other system tests (see {@code dossier.SystemIT}). */
    protected BrowserScenarios(URL base) {
        super(base);
    }

    private BrowserContext context;
    private final Queue<String> foreign = new ConcurrentLinkedQueue<>();

    private static Browser chromium() {
        if (chromium == null) {
            assertTrue(Files.isExecutable(CHROMIUM), "Debian's Chromium is needed: apt-get install chromium");
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-dev-shm-usage")));
        }
        return chromium;
    }

    private Page open(boolean javascript, ColorScheme scheme, int width, int height) {
        context = chromium().newContext(new Browser.NewContextOptions().setJavaScriptEnabled(javascript)
                .setColorScheme(scheme).setViewportSize(width, height));
        Page page = context.newPage();
        String host = base.getHost() + ":" + base.getPort();
        page.onRequest(r -> {
            URI uri = URI.create(r.url());
            if (uri.getScheme().startsWith("http") && !(uri.getHost() + ":" + uri.getPort()).equals(host)) {
                foreign.add(r.url());
            }
        });
        return page;
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private void register(Page page, String returnTo) {
        page.navigate(url("/register?return=" + returnTo));
        page.fill("#username", "b" + UUID.randomUUID().toString().substring(0, 8));
        page.fill("#email", "reader@example.org");
        page.fill("#password", "a-long-enough-password");
        page.click("form.stacked button[type=submit]");
        page.waitForURL("**/articles/**");
    }

    /**
     * axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA). Run in the page itself
     * ("legacy mode"): the site's pages have no frames (HostileInputScenarios holds that), so the default, which runs
     * axe in every frame and then finishes the run in a new page of its own, would find the same at thrice the cost.
     */
    private static List<String> axe(Page page, String where) {
        com.deque.html.axecore.results.AxeResults results = new com.deque.html.axecore.playwright.AxeBuilder(page)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).setLegacyMode(true).analyze();
        assertTrue(results.getPasses().size() > 10, "axe evaluated " + where);
        List<String> findings = new java.util.ArrayList<>();
        for (com.deque.html.axecore.results.Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                findings.add(where + ": " + rule.getId() + " (" + rule.getImpact() + ") "
                        + rule.getNodes().stream().limit(2).map(n -> n.getTarget().toString()).toList());
            }
        }
        return findings;
    }

    /**
     * axe on the page as loaded, in the light and then the dark colour scheme: the site's colours follow
     * {@code prefers-color-scheme} in CSS alone, so switching the emulated scheme restyles the same page as loading
     * it in a dark browser would.
     */
    private static List<String> axeInBothSchemes(Page page, String path) {
        List<String> findings = new java.util.ArrayList<>();
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
            findings.addAll(axe(page, scheme + " " + path));
        }
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
        return findings;
    }

    private static void shot(Page page, String name) throws Exception {
        Files.createDirectories(SHOTS);
        boolean phone = page.viewportSize().width < 500;
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(!phone));
    }

    @AfterEach
    void close(TestInfo test) throws Exception {
        if (context != null) {
            for (Page page : context.pages()) {
                shot(page, "last-" + test.getTestMethod().orElseThrow().getName());
            }
            context.close();
        }
        assertEquals(List.of(), List.copyOf(foreign), "requests to other hosts");
    }

    @AfterAll
    static void quit() {
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void withJavaScriptPostingReplyingAndEditingStayOnThePage() throws Exception {
        Page page = open(true, ColorScheme.LIGHT, 1280, 900);
        register(page, "/articles/discussion-browser");
        page.evaluate("window.__sameDocument = true");

        page.fill("#comment-body", "Posted **without** reloading.");
        page.click(".comment-form button[type=submit]");
        Locator first = page.locator(".comment", new Page.LocatorOptions().setHasText("Posted without reloading."));
        first.waitFor();
        assertEquals(true, page.evaluate("window.__sameDocument === true"), "the page was not reloaded");
        assertTrue(page.locator("h2#comments-title").textContent().contains("Comments (1)"));

        first.locator("details.reply summary").click();
        first.locator("details.reply textarea").fill("A reply, in place.");
        first.locator("details.reply button[type=submit]").click();
        page.locator(".comment.depth-1", new Page.LocatorOptions().setHasText("A reply, in place.")).waitFor();
        assertEquals(true, page.evaluate("window.__sameDocument === true"), "replying did not reload the page");

        Locator reply = page.locator(".comment.depth-1", new Page.LocatorOptions().setHasText("A reply, in place."));
        reply.locator("a[href$='/edit']").click();
        Locator editor = reply.locator("form[action$='/edit']");
        editor.locator("textarea").waitFor();
        assertTrue(page.url().contains("/articles/discussion-browser"), "the edit form opened inside the comment");
        editor.locator("textarea").fill("A reply, edited in place.");
        editor.locator("button[type=submit]").click();
        page.locator(".comment", new Page.LocatorOptions().setHasText("A reply, edited in place.")).waitFor();
        assertEquals(true, page.evaluate("window.__sameDocument === true"), "editing did not reload the page");
        shot(page, "article-discussion-light");
    }

    @Test
    void withoutJavaScriptEveryFormStillWorks() throws Exception {
        Page page = open(false, ColorScheme.DARK, 1280, 900);
        register(page, "/articles/discussion-nojs");
        page.fill("#comment-body", "Posted with JavaScript off.");
        page.click(".comment-form button[type=submit]");
        page.waitForURL("**#comment-*");
        Locator first = page.locator(".comment", new Page.LocatorOptions().setHasText("Posted with JavaScript off."));
        assertEquals(1, first.count());

        first.locator("details.reply summary").click();
        first.locator("details.reply textarea").fill("Reply with JavaScript off.");
        first.locator("details.reply button[type=submit]").click();
        page.waitForLoadState();
        page.locator(".comment.depth-1", new Page.LocatorOptions().setHasText("Reply with JavaScript off.")).waitFor();

        first = page.locator(".comment", new Page.LocatorOptions().setHasText("Posted with JavaScript off."));
        first.locator("a[href$='/edit']").first().click();
        page.waitForURL("**/edit");
        page.fill("#comment-body", "Edited with JavaScript off.");
        page.click("form.stacked button[type=submit]");
        page.waitForURL("**/articles/discussion-nojs**");
        Locator edited = page.locator(".comment", new Page.LocatorOptions().setHasText("Edited with JavaScript off."));
        assertEquals(1, edited.locator(".edited").count());
        edited.locator("form[action$='/delete'] button").first().click();
        page.waitForLoadState();
        assertTrue(page.locator(".comment .removed").first().textContent().contains("[deleted]"));
        shot(page, "article-discussion-dark");
    }

    @Test
    void withoutJavaScriptAReaderFollowsAnArticleAndChangesTheNotificationSettings() throws Exception {
        Page page = open(false, ColorScheme.LIGHT, 1280, 900);
        register(page, "/articles/discussion-nojs");
        page.click("form.follow button[type=submit]");
        page.waitForURL("**/articles/discussion-nojs#comments");
        assertTrue(page.locator("form.follow button").textContent().contains("Unfollow this discussion"));
        page.click("form.follow a[href='/account/notifications']");
        page.waitForURL("**/account/notifications");
        assertEquals(1, page.locator("ul.followed li").count());
        page.check("#delivery-digest");
        page.uncheck("#follow-on-comment");
        page.click("form.stacked button[type=submit]");
        page.waitForURL("**/account/notifications?saved");
        assertTrue(page.locator("[role=status]").textContent().contains("Your settings are saved."));
        assertTrue(page.isChecked("#delivery-digest"));
        assertFalse(page.isChecked("#follow-on-comment"));
        shot(page, "notification-settings");
        page.click("ul.followed button[type=submit]");
        page.waitForURL("**/account/notifications");
        assertEquals(0, page.locator("ul.followed li").count());
        assertTrue(page.locator("p.empty").textContent().contains("You follow no article"));
    }

    @Test
    void theNotificationSettingsHaveNoSeriousOrCriticalAccessibilityViolations() throws Exception {
        Page page = open(true, ColorScheme.LIGHT, 1280, 900);
        register(page, "/articles/discussion-browser");
        page.click("form.follow button[type=submit]");
        page.waitForURL("**#comments");
        page.navigate(url("/account/notifications"));
        List<String> findings = new java.util.ArrayList<>(axeInBothSchemes(page, "/account/notifications"));
        page.navigate(url("/unsubscribe?t=1.all.not-a-token"));
        findings.addAll(axeInBothSchemes(page, "/unsubscribe (invalid)"));
        assertEquals(List.of(), findings);
    }

    @Test
    void readersPagesOnAPhoneDoNotScrollSideways() throws Exception {
        Page page = open(true, ColorScheme.LIGHT, 375, 812);
        for (String path : List.of("/", "/articles/open-weights-release-delays", "/llm-onpremise", "/tags/on-premise",
                "/search?q=deployment", "/login", "/register", "/no-such-page")) {
            page.navigate(url(path));
            Object overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0, ((Number) overflow).intValue(), "horizontal scrolling on " + path);
            // Tap targets (WCAG 2.5.8): controls and navigation links at least 24 px; links inside sentences are exempt.
            Object small = page.evaluate("Array.from(document.querySelectorAll('button, input:not([type=hidden]), select, textarea, summary,"
                    + " nav a, .masthead a, .pager a, .tags a, .comment-actions a'))"
                    + ".filter(e => e.offsetParent !== null).map(e => [e, e.getBoundingClientRect()])"
                    + ".filter(([e, r]) => r.height < 24 || r.width < 24)"
                    + ".map(([e, r]) => e.tagName + ' ' + (e.textContent || e.name || '').trim().slice(0, 30) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))");
            assertEquals(List.of(), small, "tap targets under 24 px on " + path);
            shot(page, "phone" + path.replaceAll("[^a-z0-9]+", "-"));
        }
    }

    @Test
    void pageTypesHaveNoSeriousOrCriticalAccessibilityViolations() throws Exception {
        List<String> findings = new java.util.ArrayList<>();
        Page page = open(true, ColorScheme.LIGHT, 1280, 900);
        for (String path : List.of("/", "/articles/open-weights-release-delays", "/tags/on-premise",
                "/search?q=deployment", "/login", "/register", "/no-such-page")) {
            page.navigate(url(path));
            findings.addAll(axeInBothSchemes(page, path));
        }
        assertEquals(List.of(), findings);
    }

    /**
     * A reader who forgot the password, on a site that cannot send mail, with JavaScript off: the login page leads
     * to /forgot, which says whom to ask; the link an administrator makes sets a new password in the browser, the
     * login page says so, and the new password logs in. Then every page of the way passes axe, light and dark (axe
     * runs as a script, so in a second browser with JavaScript on).
     */
    @Test
    void aForgottenPasswordIsSetAgainWithoutJavaScript() throws Exception {
        String name = "f" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(303, new dossier.testing.Browser(base.toURI()).register(name, "the-first-password").statusCode());
        dossier.testing.Browser chief = dossier.testing.Browser.editor(base.toURI());
        Page page = open(false, ColorScheme.LIGHT, 1280, 900);
        page.navigate(url("/login"));
        page.click("a[href='/forgot']");
        page.waitForURL("**/forgot");
        assertTrue(page.locator("[role=status]").textContent().contains("Ask an administrator"),
                "without mail, the page says whom to ask");
        page.navigate(url(resetLink(chief, name)));
        page.fill("#password", "the-second-password");
        page.fill("#repeated", "the-second-password");
        page.click("form.stacked button[type=submit]");
        page.waitForURL("**/login**");
        assertEquals(1, page.locator("[role=status]").count(), "the login page says the password is set");
        page.fill("#username", name);
        page.fill("#password", "the-second-password");
        page.click("form button[type=submit]");
        page.waitForLoadState();
        assertFalse(page.url().contains("/login"), "logged in with the new password: " + page.url());
        context.close();

        List<String> findings = new java.util.ArrayList<>();
        Page checked = open(true, ColorScheme.LIGHT, 1280, 900);
        for (String path : List.of("/forgot", resetLink(chief, name), "/login?reset=done")) {
            checked.navigate(url(path));
            findings.addAll(axeInBothSchemes(checked, path.replaceAll("token=.*", "token=…")));
        }
        assertEquals(List.of(), findings);
    }

    /** A link that sets a new password for this account, as an administrator makes it at /admin/users (no mail). */
    private static String resetLink(dossier.testing.Browser admin, String name) {
        admin.get("/admin/users?q=" + name);
        String link = dossier.testing.Html.select(admin.submit("/admin/users/" + name + "/reset-link"), "input#reset-link").attr("value");
        assertTrue(link.contains("/reset?token="), link);
        return link.replaceAll("^https?://[^/]+", "");
    }

    private void logInAsEditor(Page page) {
        page.navigate(url("/login?return=/admin/articles"));
        page.fill("#username", "chief");
        page.fill("#password", "chief-editor-secret-42");
        page.click("form button[type=submit]");
        page.waitForURL("**/admin/articles");
    }

    private static Path png() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(40, 24, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(0x8a2c0d));
        g.fillRect(0, 0, 40, 24);
        g.dispose();
        Path file = Files.createTempFile("chart-", ".png");
        javax.imageio.ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void anEditorWritesWithALivePreviewUploadsAnImageAndPublishes() throws Exception {
        Page page = open(true, ColorScheme.LIGHT, 1280, 900);
        logInAsEditor(page);
        page.navigate(url("/new"));
        String slug = "browser-written-" + UUID.randomUUID().toString().substring(0, 6);
        page.fill("#title", "Written in the browser");
        page.fill("#slug", slug);
        page.locator("#markdown").pressSequentially("## Live heading\n\nSome *emphasis*.\n\n", new Locator.PressSequentiallyOptions().setDelay(5));
        page.locator("#preview h2", new Page.LocatorOptions().setHasText("Live heading")).waitFor();
        assertEquals("emphasis", page.locator("#preview em").textContent(), "the preview follows the typing, no button pressed");

        page.locator("#upload").setInputFiles(png());
        page.locator("#preview img[src^='/media/']").waitFor();
        String markdown = page.inputValue("#markdown");
        assertTrue(markdown.matches("(?s).*!\\[[^\\]]*\\]\\(/media/[0-9a-f]{64}\\.png\\).*"), markdown);
        shot(page, "editor-live-preview");

        page.click("button[name=action][value=draft]");
        page.waitForURL("**/articles/" + slug + "/edit?saved=1");
        assertTrue(page.locator(".notice").textContent().contains("Saved as revision 1"));
        assertTrue(page.locator(".editor-status").textContent().contains("Draft"));
        page.locator("#markdown").press("Control+End");
        page.locator("#markdown").pressSequentially(" Wallabyonomics is the word to find.");
        page.click("button[name=action][value=publish]");
        page.waitForURL("**/articles/" + slug);
        assertEquals("Live heading", page.locator("article .body h2").textContent());
        Locator image = page.locator("article .body img");
        image.waitFor();
        Object width = image.evaluate("img => img.naturalWidth");
        assertEquals(40, ((Number) width).intValue(), "the uploaded image is served and shown");
        shot(page, "editor-published");

        // Readers find it by search (the index takes the change in within a moment).
        assertTrue(eventually(Duration.ofSeconds(10), () -> {
            page.fill("#site-search-q", "wallabyonomics");
            page.press("#site-search-q", "Enter");
            page.waitForURL("**/search?q=wallabyonomics");
            return page.locator(".result a[href='/articles/" + slug + "']").count() > 0;
        }), "the published article is found by search");
    }

    @Test
    void editorsPagesHaveNoSeriousOrCriticalAccessibilityViolationsAndFitAPhone() throws Exception {
        List<String> findings = new java.util.ArrayList<>();
        List<String> paths = List.of("/", "/articles/open-weights-release-delays", "/new", "/admin", "/admin/articles", "/admin/sync", "/admin/users", "/admin/mail", "/admin/search", "/admin/audit", "/admin/comments",
                "/admin/backup", "/articles/open-weights-release-delays/edit", "/articles/open-weights-release-delays/history",
                "/account/tokens");
        Page page = open(true, ColorScheme.LIGHT, 1280, 900);
        logInAsEditor(page);
        for (String path : paths) {
            page.navigate(url(path));
            findings.addAll(axeInBothSchemes(page, path));
            // The same page on a phone: the layout follows the width in CSS alone (no script measures the window).
            page.setViewportSize(375, 812);
            Object overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (((Number) overflow).intValue() != 0) {
                findings.add("phone " + path + ": scrolls sideways by " + overflow + " px");
            }
            shot(page, "phone-editor" + path.replaceAll("[^a-z0-9]+", "-"));
            page.setViewportSize(1280, 900);
        }
        assertEquals(List.of(), findings);
    }

    @Test
    void aReaderReadsFollowsTheContentsATagAndASearchWithATypo() throws Exception {
        Page page = open(true, ColorScheme.LIGHT, 1280, 900);
        page.navigate(url("/"));
        page.locator("a[href='/articles/open-weights-release-delays']").first().click();
        page.waitForURL("**/articles/open-weights-release-delays");
        Locator toc = page.locator("nav.toc a").nth(1);
        String target = toc.getAttribute("href");
        toc.click();
        page.waitForURL("**" + target);
        Object top = page.locator(target).evaluate("h => h.getBoundingClientRect().top");
        assertTrue(((Number) top).doubleValue() < 300, "the contents link brought its heading into view: " + top);

        page.locator(".kicker a, .article-foot a[href^='/tags/']").first().click();
        page.waitForURL("**/tags/**");
        assertTrue(page.locator("a[href='/articles/open-weights-release-delays']").count() > 0, "the tag page lists the article");

        page.fill("#site-search-q", "deploymnet");
        page.press("#site-search-q", "Enter");
        page.waitForURL("**/search?q=deploymnet");
        Locator suggestion = page.locator(".did-you-mean a");
        assertTrue(suggestion.textContent().contains("deployment"), suggestion.textContent());
        suggestion.click();
        page.waitForURL("**/search?q=deployment");
        Locator first = page.locator(".result h2 a").first();
        assertTrue(page.locator(".result .snippet mark").count() > 0, "matched words are highlighted");
        String title = first.textContent();
        first.click();
        page.waitForURL("**/articles/**");
        assertEquals(title, page.locator("h1").textContent());
        shot(page, "journey-reading");
    }

    @Test
    void aReportedCommentIsHiddenAndItsBannedAuthorCannotCommentAgain() throws Exception {
        Page author = open(true, ColorScheme.LIGHT, 1280, 900);
        register(author, "/articles/journey-moderation");
        String authorName = author.locator("a.who").textContent().replace("@", "").strip();
        author.fill("#comment-body", "An offensive remark.");
        author.click(".comment-form button[type=submit]");
        author.locator(".comment", new Page.LocatorOptions().setHasText("An offensive remark.")).waitFor();
        BrowserContext authorContext = context;

        context = null;
        Page reporter = open(true, ColorScheme.LIGHT, 1280, 900);
        register(reporter, "/articles/journey-moderation");
        reporter.locator(".comment", new Page.LocatorOptions().setHasText("An offensive remark.")).locator("a[href$='/report']").click();
        reporter.waitForURL("**/report");
        reporter.fill("#reason", "Insulting.");
        reporter.click("form.stacked button[type=submit]");
        reporter.waitForURL("**/articles/journey-moderation**");
        BrowserContext reporterContext = context;

        context = null;
        Page moderator = open(true, ColorScheme.LIGHT, 1280, 900);
        logInAsEditor(moderator);
        moderator.navigate(url("/admin/comments"));
        Locator report = moderator.locator("li[id^=report-]", new Page.LocatorOptions().setHasText("Insulting."));
        report.locator("form[action$='/hide'] button").click();
        moderator.waitForLoadState();
        moderator.navigate(url("/users/" + authorName));
        moderator.locator("form[action$='/ban'] button").click();
        moderator.waitForLoadState();
        assertTrue(moderator.locator("form[action$='/unban']").count() == 1, "the author is banned");
        shot(moderator, "journey-moderation");

        author.navigate(url("/articles/journey-moderation"));
        assertEquals(0, author.locator(".comment-body", new Page.LocatorOptions().setHasText("An offensive remark.")).count(),
                "the hidden comment is gone from the page");
        assertEquals(0, author.locator("#comment-body").count(), "no comment form for a banned reader");
        assertTrue(author.locator(".login-prompt").textContent().contains("may read but not comment"));
        authorContext.close();
        reporterContext.close();
    }

    @Test
    void theKeyboardReachesTheSkipLinkAndEveryFocusIsVisible() throws Exception {
        Page page = open(true, ColorScheme.LIGHT, 1280, 900);
        page.navigate(url("/articles/open-weights-release-delays"));
        page.keyboard().press("Tab");
        assertEquals("Skip to content", page.evaluate("document.activeElement.textContent"));
        Object skipVisible = page.evaluate("document.activeElement.getBoundingClientRect().left >= 0");
        assertEquals(true, skipVisible, "the skip link shows when focused");
        page.keyboard().press("Enter");
        page.waitForURL("**#main");
        List<String> invisible = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            page.keyboard().press("Tab");
            Object outline = page.evaluate("(() => { const e = document.activeElement; const s = getComputedStyle(e);"
                    + " return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'"
                    + " ? 'ok' : e.tagName + ' ' + (e.getAttribute('href') || e.id || e.className); })()");
            if (!"ok".equals(outline)) {
                invisible.add(String.valueOf(outline));
            }
        }
        assertEquals(List.of(), invisible, "elements focused without a visible outline");
    }

    @Test
    void formulasBecomeMathMLAndCodeIsColouredByBundledScripts() throws Exception {
        Page page = open(true, ColorScheme.LIGHT, 1280, 900);
        List<String> errors = new java.util.ArrayList<>();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                errors.add(m.text());
            }
        });
        page.navigate(url("/articles/journey-math-code"));
        page.locator("div.body span.math.inline math").waitFor();
        assertEquals(1, page.locator("div.body span.math.display math[display=block]").count(), "the display formula");
        assertEquals(2, page.locator("div.body span.math").count(), "prices are not formulas");
        page.locator("p.standfirst span.math.inline math").waitFor();
        page.locator("pre code .hljs-keyword").first().waitFor();
        assertTrue(page.locator("pre code .hljs-keyword").count() >= 3, "Java keywords are coloured");
        assertEquals(List.of(), errors, "no script errors, no Content-Security-Policy violations");
        shot(page, "article-math-code");

        Page plain = open(false, ColorScheme.LIGHT, 1280, 900);
        plain.navigate(url("/articles/journey-math-code"));
        assertEquals("E = mc^2", plain.locator("div.body span.math.inline").textContent(), "without JavaScript the TeX shows");
        plain.navigate(url("/tags/testing"));
        assertEquals("E = mc^2", plain.locator("li.teaser:has(a[href='/articles/journey-math-code']) p.summary span.math.inline")
                .textContent(), "the automatic summary marks the formula as well");
        page.navigate(url("/tags/testing"));
        page.locator("li.teaser p.summary span.math.inline math").first().waitFor();
        assertEquals(List.of(), errors);
        Page other = plain;
        other.navigate(url("/articles/open-weights-release-delays"));
        assertEquals(0, other.locator("script[src*='katex'], script[src*='highlight']").count(),
                "pages without formulas or code load neither library");
    }

    @Test
    void theAccountPageWorksWithoutJavaScriptAndHasNoSeriousAccessibilityFindings() throws Exception {
        Page plain = open(false, ColorScheme.LIGHT, 1280, 900);
        register(plain, "/articles/discussion-nojs");
        plain.click("nav a[href='/account']");
        plain.waitForURL("**/account");
        plain.fill("#display-name", "Reader Without Scripts");
        plain.click("form[action='/account/name'] button[type=submit]");
        plain.waitForURL("**/account?notice=name-saved");
        assertTrue(plain.locator(".site-notice").textContent().contains("Your display name is saved"));
        assertEquals("Reader Without Scripts", plain.inputValue("#display-name"));
        plain.fill("#password-current", "not-my-password");
        plain.fill("#password-new", "another-long-password");
        plain.click("form[action='/account/password'] button[type=submit]");
        plain.waitForLoadState();
        assertEquals("That is not your current password.", plain.locator("#password-current-error").textContent());
        shot(plain, "account-nojs");
        context.close();

        // axe runs as a script: the same page, with a refusal shown, in a browser that runs scripts.
        Page page = open(true, ColorScheme.LIGHT, 1280, 900);
        register(page, "/articles/discussion-nojs");
        page.navigate(url("/account"));
        List<String> findings = new java.util.ArrayList<>(axeInBothSchemes(page, "/account"));
        page.fill("#email-new", "new-address@example.org");
        page.fill("#email-current", "not-my-password");
        page.click("form[action='/account/email'] button[type=submit]");
        page.locator("#email-current-error").waitFor();
        findings.addAll(axeInBothSchemes(page, "/account (refused)"));
        page.setViewportSize(375, 812);
        Object overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, ((Number) overflow).intValue(), "no sideways scrolling on a phone");
        shot(page, "phone-account");
        assertEquals(List.of(), findings);
    }
}
