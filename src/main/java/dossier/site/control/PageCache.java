package dossier.site.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dossier.article.entity.ArticlesChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Rendered pages for readers without a session (everyone sees the same bytes), in bounded memory. Any
 * committed change of an article or a discussion empties it: lists, tags and feeds all show articles, and a
 * full re-render costs milliseconds. Entries also expire after a minute, so a scheduled publication time
 * passes without a change event.
 */
@ApplicationScoped
public class PageCache {

    static final long MAX_BYTES = 32L * 1024 * 1024;
    static final Duration LIFETIME = Duration.ofMinutes(1);

    private final Cache<String, String> pages = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((String key, String page) -> 2 * (key.length() + page.length()))
            .expireAfterWrite(LIFETIME)
            .build();

    /** When anything readers see last changed, as this node knows it (its start counts as a change). */
    private volatile java.time.Instant lastChange = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    public java.time.Instant lastChange() {
        return lastChange;
    }

    private synchronized void forget() {
        pages.invalidateAll();
        // HTTP dates have whole seconds: each change moves the date on by at least one, so that a copy fetched
        // in the second of an earlier change still counts as older (up to a few seconds ahead in a burst; the
        // ETag is the exact validator).
        java.time.Instant next = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        java.time.Instant bumped = lastChange.plusSeconds(1);
        java.time.Instant cap = next.plusSeconds(4);
        lastChange = bumped.isAfter(next) ? (bumped.isAfter(cap) ? cap : bumped) : next;
    }

    public String page(String key, Supplier<String> render) {
        return pages.get(key, k -> render.get());
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArticlesChanged event) {
        forget();
    }

    /** A change made on another node (or a scheduled article gone live), as the change log told this one. */
    void applied(@Observes dossier.article.entity.ChangesApplied event) {
        forget();
    }
}
