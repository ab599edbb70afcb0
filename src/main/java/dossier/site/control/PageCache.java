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

    public String page(String key, Supplier<String> render) {
        return pages.get(key, k -> render.get());
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArticlesChanged event) {
        pages.invalidateAll();
    }

    /** A change made on another node (or a scheduled article gone live), as the change log told this one. */
    void applied(@Observes dossier.article.entity.ChangesApplied event) {
        pages.invalidateAll();
    }
}
