package dossier.search.boundary;

import dossier.search.control.SearchResult;
import dossier.site.control.View;

/**
 * The search page: the query as typed, the tag it is narrowed to ("" for none), the order, this page of results
 * (null before anything was asked) and the page size for the pager.
 */
public record SearchView(String q, String tag, boolean byDate, int page, int pageSize, SearchResult result)
        implements View {

    @Override
    public String template() {
        return "search.jte";
    }
}
