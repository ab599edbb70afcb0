package dossier.search.control;

/**
 * One search as a reader asks it: the text in the search box, an optional tag chosen from the facets, the page
 * (starting at 1, and no further than {@link #maxPage(int)}), the page size (capped at {@link #MAX_SIZE}) and the
 * order. Page and size come straight from a request, so every number is clamped here, where the arithmetic on
 * them cannot overflow any more.
 */
public record SearchQuery(String text, String tag, int page, int size, Sort sort) {

    public static final int DEFAULT_SIZE = 10;
    public static final int MAX_SIZE = 100;
    /** Readers page through results; nobody reads page 1,000, and deep pages cost memory per search. */
    public static final int MAX_RESULT_WINDOW = 10_000;

    public enum Sort { RELEVANCE, DATE }

    public SearchQuery {
        text = text == null ? "" : text;
        size = size <= 0 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
        page = Math.min(Math.max(1, page), maxPage(size));
        sort = sort == null ? Sort.RELEVANCE : sort;
    }

    /**
     * The furthest page of this size: it starts at {@link #MAX_RESULT_WINDOW} at most, so it is empty but still
     * shows the total, and every page before it is within the window.
     */
    public static int maxPage(int size) {
        return MAX_RESULT_WINDOW / Math.max(1, size) + 1;
    }

    /** Where this page starts among all results, at most {@link #MAX_RESULT_WINDOW}. */
    public int from() {
        return (int) Math.min((long) (page - 1) * size, MAX_RESULT_WINDOW);
    }

    public static SearchQuery of(String text) {
        return new SearchQuery(text, null, 1, DEFAULT_SIZE, Sort.RELEVANCE);
    }
}
