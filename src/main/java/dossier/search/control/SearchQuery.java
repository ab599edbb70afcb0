package dossier.search.control;

/**
 * One search as a reader asks it: the text in the search box, an optional tag chosen from the facets, the page
 * (starting at 1), the page size (capped at {@link #MAX_SIZE}) and the order.
 */
public record SearchQuery(String text, String tag, int page, int size, Sort sort) {

    public static final int DEFAULT_SIZE = 10;
    public static final int MAX_SIZE = 100;

    public enum Sort { RELEVANCE, DATE }

    public SearchQuery {
        text = text == null ? "" : text;
        page = Math.max(1, page);
        size = size <= 0 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
        sort = sort == null ? Sort.RELEVANCE : sort;
    }

    public static SearchQuery of(String text) {
        return new SearchQuery(text, null, 1, DEFAULT_SIZE, Sort.RELEVANCE);
    }
}
