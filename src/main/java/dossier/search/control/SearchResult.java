package dossier.search.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of results. {@code tagFacets} counts the tags of all matching articles, not only this page's, most
 * frequent first. {@code relaxed} says that no article matched all words, so any word was enough;
 * {@code suggestion} is the query text with misspelled words corrected ("Did you mean"), or {@code null}.
 */
public record SearchResult(long total, List<SearchHit> hits, Map<String, Long> tagFacets, boolean relaxed,
                           String suggestion) {

    public SearchResult {
        hits = List.copyOf(hits);
        tagFacets = Collections.unmodifiableMap(new LinkedHashMap<>(tagFacets));
    }

    static SearchResult empty() {
        return new SearchResult(0, List.of(), Map.of(), false, null);
    }
}
