package dossier.site.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Rendered pages for readers without a session (everyone sees the same bytes), in bounded memory. Any
 * committed change of an article or a discussion empties it: lists, tags and feeds all show articles, and a
 * full re-render costs milliseconds. Entries also expire after a minute, so a scheduled publication time
 * passes without a change event.
 *
 * <p>Each page is kept under the address it answers ({@link #key}). Once it has been sent, the response as sent
 * (its headers, the bytes, and the bytes gzipped) is kept with it, so that the next reader of that address is
 * answered from memory before the request reaches JAX-RS ({@code CachedPages}).
 *
 * <p>Every look-up of a page that may be kept counts as a hit (answered from memory, as sent or as text) or a miss
 * (rendered now), per region: {@code dossier_page_cache_hits_total} and {@code dossier_page_cache_misses_total}.
 */
@ApplicationScoped
public class PageCache {

    static final long MAX_BYTES = 32L * 1024 * 1024;
    /** Result pages have a region of their own: searches nobody repeats must not push articles out. */
    static final long SEARCH_BYTES = 4L * 1024 * 1024;
    static final Duration LIFETIME = Duration.ofMinutes(1);

    private final Cache<String, Entry> pages = region(MAX_BYTES);
    private final Cache<String, Entry> searches = region(SEARCH_BYTES);
    /** What "now" is for the dates of changes (the system's clock; one the caller moves in tests). */
    private final Clock clock;

    private Counter pageHits = Metrics.unregistered();
    private Counter pageMisses = Metrics.unregistered();
    private Counter searchHits = Metrics.unregistered();
    private Counter searchMisses = Metrics.unregistered();

    public PageCache() {
        this(Clock.systemUTC());
    }

    public PageCache(Clock clock) {
        this.clock = clock;
        this.lastChange = clock.instant();
    }

    private static Cache<String, Entry> region(long bytes) {
        return Caffeine.newBuilder()
                .maximumWeight(bytes)
                .weigher((String key, Entry entry) -> 2 * key.length() + entry.weight())
                .expireAfterWrite(LIFETIME)
                .build();
    }

    /** Serves the counts at {@code /metrics} from the start, at zero. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object start, MetricRegistry registry) {
        String hits = "Look-ups of a kept page answered from memory";
        String misses = "Look-ups of a page that could be kept but was rendered";
        pageHits = Metrics.counter(registry, "dossier_page_cache_hits", hits, new Tag("region", "pages"));
        pageMisses = Metrics.counter(registry, "dossier_page_cache_misses", misses, new Tag("region", "pages"));
        searchHits = Metrics.counter(registry, "dossier_page_cache_hits", hits, new Tag("region", "searches"));
        searchMisses = Metrics.counter(registry, "dossier_page_cache_misses", misses, new Tag("region", "searches"));
    }

    /** Hits so far, in both regions. */
    long hits() {
        return pageHits.getCount() + searchHits.getCount();
    }

    /** Misses so far, in both regions. */
    long misses() {
        return pageMisses.getCount() + searchMisses.getCount();
    }

    /** How many search result pages are kept, after pending evictions (for tests of the bound). */
    long searchesKept() {
        searches.cleanUp();
        return searches.estimatedSize();
    }

    private Cache<String, Entry> regionOf(String key) {
        return isSearch(key) ? searches : pages;
    }

    private static boolean isSearch(String key) {
        return key.startsWith("/search?") || key.equals("/search");
    }

    /** Counts the changes that emptied (part of) the cache, so that a page rendered across one is not kept. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    /** When anything readers see last changed, as this node knows it (its start counts as a change). */
    private volatile Instant lastChange;

    /** The query parameters that shared pages read; any other is ignored by every page, so by the key too. */
    static final List<String> PAGE_PARAMETERS = List.of("comments", "notice", "order", "page", "q", "sort", "tag");
    private static final Set<String> NUMBERS = Set.of("comments", "page");
    /** Parameters that choose between two orders: any value but the other order's name means the default. */
    /**
     * Parameters kept only with their one non-default value. {@code notice}: the one notice a page without a session
     * shows ({@link Viewer#notice()}, after an account was deleted); any other notice is a personal page's.
     */
    private static final Map<String, String> CHOICES = Map.of("order", "newest", "sort", "date", "notice", "account-deleted");

    /** The cache key of a request, or null when the page must not be kept (see {@link #key(String, String)}). */
    public static String key(HttpServletRequest request) {
        return key(request.getRequestURI(), request.getQueryString());
    }

    /**
     * The cache key of an address: the path without a trailing slash, and only the parameters pages read
     * ({@link #PAGE_PARAMETERS}), in one order, numbers written one way, an order named only when it is not the
     * default. So made-up parameters, a trailing slash, {@code page=007} or {@code order=anything} name the page
     * they show instead of a new entry each. Null (not kept) for a parameter
     * given twice or a number that is not one: such a request is answered, never stored.
     */
    public static String key(String path, String query) {
        String base = path.length() > 1 && path.endsWith("/") ? path.replaceAll("/+$", "") : path;
        if (base.isEmpty()) {
            base = "/";
        }
        if (query == null || query.isEmpty()) {
            return base;
        }
        java.util.TreeMap<String, String> kept = new java.util.TreeMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (!PAGE_PARAMETERS.contains(name)) {
                continue;
            }
            if (CHOICES.containsKey(name)) {
                if (!CHOICES.get(name).equals(value)) {
                    continue; // the default order, however it is spelt
                }
            } else if (NUMBERS.contains(name)) {
                try {
                    value = Integer.toString(Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            if (kept.put(name, value) != null) {
                return null;
            }
        }
        if (kept.isEmpty()) {
            return base;
        }
        StringBuilder key = new StringBuilder(base).append('?');
        kept.forEach((name, value) -> key.append(name).append('=').append(value).append('&'));
        return key.substring(0, key.length() - 1);
    }

    /**
     * The Last-Modified date of every page: the whole second in which anything readers see last changed on this
     * node. HTTP dates have whole seconds, so while that second is still running a later change could carry the
     * same date: until it is over there is no date ({@code null}), and the ETag is the only validator. Once a
     * reader holds a date, any later change falls in a later second.
     */
    public Instant lastModified() {
        Instant now = clock.instant();
        Instant second = lastChange.truncatedTo(ChronoUnit.SECONDS);
        return now.isBefore(second.plusSeconds(1)) ? null : second;
    }

    private void forget() {
        changes.incrementAndGet();
        pages.invalidateAll();
        searches.invalidateAll();
        lastChange = clock.instant();
    }

    /** The page kept under this key, rendered now if there is none. */
    public String page(String key, Supplier<String> render) {
        return page(key, null, render);
    }

    /** The page of one article kept under this key (see {@link #forgetPagesOf}), rendered now if there is none. */
    public String page(String key, Long article, Supplier<String> render) {
        if (key == null) {
            return render.get();
        }
        boolean[] rendered = {false};
        Cache<String, Entry> region = regionOf(key);
        long before = changes.get();
        Entry entry = region.get(key, k -> {
            rendered[0] = true;
            return new Entry(render.get(), null, article);
        });
        if (rendered[0] && changes.get() != before) {
            // Rendered from what was there before a change that emptied the cache meanwhile: shown to this reader,
            // not kept for the next (who would see it until it expires).
            region.asMap().remove(key, entry);
        }
        String text = entry.text();
        if (isSearch(key)) {
            (rendered[0] ? searchMisses : searchHits).inc();
        } else {
            (rendered[0] ? pageMisses : pageHits).inc();
        }
        return text;
    }

    /** The response as sent for this key, when the page is kept and has been sent once (a hit). */
    public Sent sent(String key) {
        if (key == null) {
            return null;
        }
        Entry entry = regionOf(key).getIfPresent(key);
        Sent sent = entry == null ? null : entry.sent;
        if (sent != null) {
            (isSearch(key) ? searchHits : pageHits).inc();
        }
        return sent;
    }

    /**
     * Keeps the response just sent for this key with its page: the headers given (those that are the same for
     * every reader), the route that answered it ({@link Routes}), and the page's bytes. Does nothing when the page
     * is no longer kept (changed meanwhile).
     */
    public void sent(String key, String contentType, List<Map.Entry<String, String>> headers, String route) {
        if (key == null) {
            return;
        }
        Cache<String, Entry> region = regionOf(key);
        Entry entry = region.getIfPresent(key);
        if (entry == null || entry.sent != null) {
            return;
        }
        byte[] bytes = entry.body.getBytes(StandardCharsets.UTF_8);
        Sent sent = new Sent(contentType, List.copyOf(headers), Validators.tag(bytes), bytes, route);
        // From now on the page is kept as bytes only (the text is made again from them when asked for).
        region.asMap().replace(key, entry, new Entry(null, sent, entry.article));
    }

    /** Once the change is committed (at once when it comes from the change log, outside a transaction). */
    void applied(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChangesApplied event) {
        if (event.discussionTextOnly()) {
            forgetPagesOf(event.ids());
        } else {
            forget();
        }
    }

    /**
     * Only the text of these articles' discussions changed (a comment edited): their own pages go, and the
     * search results (which show passages of discussions); lists, tags and feeds stay.
     */
    void forgetPagesOf(java.util.Collection<Long> articles) {
        changes.incrementAndGet();
        pages.asMap().values().removeIf(entry -> entry.article != null && articles.contains(entry.article));
        searches.invalidateAll();
        lastChange = clock.instant();
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A kept page: its text until it is first sent, then the response as sent. Equal only to itself, so that a
     * page replaced meanwhile is never overwritten.
     */
    private static final class Entry {
        final String body;
        final Sent sent;
        /** The article whose own page this is, or null for a page that lists or finds articles. */
        final Long article;

        Entry(String body, Sent sent, Long article) {
            this.body = body;
            this.sent = sent;
            this.article = article;
        }

        String text() {
            return body != null ? body : new String(sent.identity, StandardCharsets.UTF_8);
        }

        int weight() {
            // Gzipped pages are about a third of their size; counted from the start, though made on first use.
            return body != null ? 2 * body.length() : sent.identity.length + sent.identity.length / 3;
        }
    }

    /**
     * A response as sent to readers without a session: its type, the headers every such reader gets, its strong
     * entity tag, its bytes plain and (made when a reader first asks for them) gzipped, and the route that first
     * answered it (so that a page served from memory is counted under its route).
     */
    public static final class Sent {
        private final String contentType;
        private final List<Map.Entry<String, String>> headers;
        private final String etag;
        private final byte[] identity;
        private final String route;
        private volatile byte[] gzip;

        Sent(String contentType, List<Map.Entry<String, String>> headers, String etag, byte[] identity, String route) {
            this.contentType = contentType;
            this.headers = headers;
            this.etag = etag;
            this.identity = identity;
            this.route = route;
        }

        /** The route template of the resource that rendered the page, or null when none was named. */
        public String route() {
            return route;
        }

        public String contentType() {
            return contentType;
        }

        public List<Map.Entry<String, String>> headers() {
            return headers;
        }

        public String etag() {
            return etag;
        }

        public byte[] identity() {
            return identity;
        }

        /** The bytes gzipped, made once (two readers at the same moment may both make them: the same bytes). */
        public byte[] gzip() {
            byte[] zipped = gzip;
            if (zipped == null) {
                zipped = PageCache.gzip(identity);
                gzip = zipped;
            }
            return zipped;
        }
    }
}
