package dossier.search.boundary;

import dossier.site.control.View;

import java.time.Instant;

/**
 * The administrators' view of the search index: its size, its last update (null: none since start-up) and how far
 * a rebuild running in the background has come; semantic search's model, state and progress.
 */
public record SearchAdminView(long documents, long bytes, Instant lastUpdate, boolean rebuilding, int rebuilt,
                              int toRebuild, SearchIndex.Semantic semantic) implements View {

    static SearchAdminView of(SearchIndex.Status status) {
        return new SearchAdminView(status.documents(), status.bytes(), status.lastUpdate(), status.rebuild().running(),
                status.rebuild().done(), status.rebuild().total(), status.semantic());
    }

    @Override
    public String template() {
        return "search-admin.jte";
    }
}
