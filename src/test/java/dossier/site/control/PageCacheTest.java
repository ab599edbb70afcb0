package dossier.site.control;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageCacheTest {

    private static final ChangesApplied CHANGE = new ChangesApplied(List.of(1L), List.of(), false);

    /** A clock that stands still until the test moves it. */
    private static final class HandClock extends Clock {
        private Instant now;

        HandClock(String start) {
            now = Instant.parse(start);
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aDateIsGivenOnlyOnceTheSecondOfTheLastChangeIsOver() {
        HandClock clock = new HandClock("2026-12-02T10:00:00.400Z");
        PageCache cache = new PageCache(clock);
        cache.applied(CHANGE);
        clock.advance(Duration.ofMillis(599));
        assertNull(cache.lastModified(), "a change later in this same second would carry the same date");
        clock.advance(Duration.ofMillis(1));
        assertEquals(Instant.parse("2026-12-02T10:00:00Z"), cache.lastModified(), "the second of the change, once it is over");
        clock.advance(Duration.ofHours(5));
        assertEquals(Instant.parse("2026-12-02T10:00:00Z"), cache.lastModified(), "and it stays while nothing changes");
    }

    @Test
    void aChangeInTheLastMillisecondOfASecondGetsItsDateAMillisecondLater() {
        HandClock clock = new HandClock("2026-12-02T10:00:07.999Z");
        PageCache cache = new PageCache(clock);
        cache.applied(CHANGE);
        assertNull(cache.lastModified());
        clock.advance(Duration.ofMillis(1));
        assertEquals(Instant.parse("2026-12-02T10:00:07Z"), cache.lastModified());
    }

    @Test
    void everyChangeAfterAReaderGotADateMakesTheirCopyOlderEvenInABurst() {
        HandClock clock = new HandClock("2026-12-02T10:00:00.300Z");
        PageCache cache = new PageCache(clock);
        clock.advance(Duration.ofMillis(1200));
        Instant held = cache.lastModified();
        assertEquals(Instant.parse("2026-12-02T10:00:00Z"), held, "the start counts as a change");
        for (int i = 0; i < 50; i++) {
            cache.applied(CHANGE);
            clock.advance(Duration.ofMillis(3));
        }
        assertNull(cache.lastModified(), "no date while the second of the burst runs");
        clock.advance(Duration.ofSeconds(1));
        Instant modified = cache.lastModified();
        assertEquals(Instant.parse("2026-12-02T10:00:01Z"), modified);
        assertFalse(Validators.notModifiedSince(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(held.atZone(java.time.ZoneOffset.UTC)), modified), "the reader's copy is older");
        assertTrue(Validators.notModifiedSince(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(modified.atZone(java.time.ZoneOffset.UTC)), modified), "a copy of this version is current");
    }

    /**
     * A page rendered from what was there before a change, and finished after the change emptied the cache, must
     * not be kept: readers would see the old result (a deleted article still listed) until the entry expires.
     */
    @Test
    void aPageRenderedWhileAChangeArrivesIsShownOnceButNotKept() throws Exception {
        for (ChangesApplied change : List.of(CHANGE, new ChangesApplied(List.of(), List.of(), true))) {
            PageCache cache = new PageCache();
            String old = cache.page("/search?q=quokka", () -> {
                Thread other = new Thread(() -> cache.applied(change));
                other.start();
                try {
                    other.join(5_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return "<p>deleted article</p>";
            });
            assertEquals("<p>deleted article</p>", old, "the reader who asked gets what was rendered");
            assertEquals("<p>no results</p>", cache.page("/search?q=quokka", () -> "<p>no results</p>"),
                    "the next reader gets a page rendered after the change: " + change);
        }
    }

    @Test
    void theResponseAsSentIsKeptWithItsPageAndForgottenWithIt() throws Exception {
        PageCache cache = new PageCache();
        assertEquals("<p>page</p>", cache.page("/a", () -> "<p>page</p>"));
        assertNull(cache.sent("/a"), "not sent yet");
        cache.sent("/a", "text/html;charset=utf-8", List.of(Map.entry("X-Frame-Options", "DENY")), "/{alias}");
        PageCache.Sent sent = cache.sent("/a");
        assertArrayEquals("<p>page</p>".getBytes(java.nio.charset.StandardCharsets.UTF_8), sent.identity());
        assertArrayEquals(sent.identity(), new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(sent.gzip())).readAllBytes());
        assertEquals(Validators.tag(sent.identity()), sent.etag());
        assertEquals(List.of(Map.entry("X-Frame-Options", "DENY")), sent.headers());

        cache.sent("/b", "text/html", List.of(), "/{alias}");
        assertNull(cache.sent("/b"), "nothing is kept for a page that is not kept");
        cache.applied(CHANGE);
        assertNull(cache.sent("/a"), "a change forgets the page and the response");
        assertEquals("<p>new</p>", cache.page("/a", () -> "<p>new</p>"));
    }

    @Test
    void everyLookUpOfAKeptPageIsAHitOrAMissAndAnAddressNeverKeptIsNeither() {
        PageCache cache = new PageCache();
        cache.page("/a", () -> "<p>a</p>");
        assertEquals(0, cache.hits());
        assertEquals(1, cache.misses(), "rendered: a miss");
        cache.page("/a", () -> "rendered again");
        assertEquals(1, cache.hits(), "the kept text: a hit");
        cache.sent("/a", "text/html", List.of(), "/{alias}");
        assertEquals("/{alias}", cache.sent("/a").route(), "and the route that answered it");
        assertEquals(2, cache.hits(), "the response as sent: a hit");
        cache.page(null, () -> "never kept");
        cache.page("/search?q=x", () -> "<p>results</p>");
        assertEquals(2, cache.hits());
        assertEquals(2, cache.misses(), "a page that cannot be kept is no look-up; a search result is one");
    }

    @Test
    void searchesNobodyRepeatsNeverPushArticlesOut() {
        PageCache cache = new PageCache();
        String article = "<p>" + "analysis ".repeat(2000) + "</p>";
        cache.page("/articles/a", () -> article);
        cache.sent("/articles/a", "text/html", List.of(), "/articles/{slug}");
        String results = "<p>" + "result ".repeat(5000) + "</p>";
        for (int i = 0; i < 2000; i++) {
            cache.page("/search?q=once-" + i, () -> results);
        }
        assertEquals(article, cache.page("/articles/a", () -> "rendered again"), "still kept, and the same text as sent");
        assertNotNull(cache.sent("/articles/a"));
        long weight = 2L * results.length();
        assertTrue(cache.searchesKept() <= PageCache.SEARCH_BYTES / weight,
                "result pages stay within their own " + PageCache.SEARCH_BYTES + " bytes: " + cache.searchesKept());
        assertTrue(cache.searchesKept() > 0);
    }

    @Test
    void madeUpParametersAndTrailingSlashesNameThePageTheyShowInsteadOfNewEntries() {
        assertEquals("/articles/a", PageCache.key("/articles/a", "junk=1"));
        assertEquals("/articles/a", PageCache.key("/articles/a/", "utm_source=x&fbclid=y"));
        assertEquals("/articles/a?comments=2&order=newest", PageCache.key("/articles/a", "order=newest&x=1&comments=002"));
        assertEquals("/search?q=cloud", PageCache.key("/search/", "q=cloud"));
        assertEquals("/", PageCache.key("/", null));
        assertEquals("/", PageCache.key("//", ""));
        assertNull(PageCache.key("/search", "q=a&q=b"), "a parameter given twice is answered, not kept");
        assertNull(PageCache.key("/", "page=99999999999999"), "not a number the page reads");
        assertEquals("/articles/a", PageCache.key("/articles/a", "order=oldest"), "the default order");
        assertEquals("/articles/a", PageCache.key("/articles/a", "order=" + "x".repeat(500)), "any other word is the default too");
        assertEquals("/search?q=a", PageCache.key("/search", "q=a&sort=relevance"));
        assertEquals("/search?q=a&sort=date", PageCache.key("/search", "sort=date&q=a"));
    }

    @Test
    void searchesSpelledWithASlashStayInTheirOwnRegion() {
        PageCache cache = new PageCache();
        cache.page("/articles/kept", () -> "x".repeat(1000));
        // Enough result pages to overflow the search region many times over, spelled as the junk would be.
        for (int i = 0; i < 2_000; i++) {
            int n = i;
            cache.page(PageCache.key("/search/", "q=" + n + "&junk=" + n), () -> "r".repeat(8 * 1024));
        }
        long kept = cache.searchesKept();
        assertTrue(kept > 0 && kept < 2_000, "result pages are kept in the search region, within its bound: " + kept);
        assertEquals("x".repeat(1000), cache.page("/articles/kept", () -> "rendered again"),
                "the article is still kept");
    }

    @Test
    void aCommentEditedDropsOnlyItsArticlesPagesAndTheSearchResults() {
        PageCache cache = new PageCache();
        cache.page("/articles/edited", 7L, () -> "edited article");
        cache.page("/articles/edited?comments=2", 7L, () -> "its second page of comments");
        cache.page("/articles/other", 8L, () -> "another article");
        cache.page("/", () -> "home");
        cache.page("/search?q=remark", () -> "results");

        cache.applied(new ChangesApplied(List.of(7L), List.of(), true));

        assertEquals("rendered again", cache.page("/articles/edited", 7L, () -> "rendered again"));
        assertEquals("rendered again", cache.page("/articles/edited?comments=2", 7L, () -> "rendered again"));
        assertEquals("rendered again", cache.page("/search?q=remark", () -> "rendered again"));
        assertEquals("another article", cache.page("/articles/other", 8L, () -> "rendered again"), "other articles stay");
        assertEquals("home", cache.page("/", () -> "rendered again"), "lists stay: no count or title changed");

        cache.applied(new ChangesApplied(List.of(8L), List.of(), false));
        assertEquals("rendered again", cache.page("/", () -> "rendered again"), "any other change drops everything");
    }
}
