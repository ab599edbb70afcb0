package dossier.search.boundary;

import dossier.article.boundary.ContentImport;
import dossier.site.control.View;

import java.time.Instant;

/**
 * The administrators' view of the search index: its size, its last update (null: none since start-up) and how far
 * a rebuild running in the background has come, the content import that feeds it (articles become searchable as
 * they are imported), and semantic search's model, state and progress.
 */
public record SearchAdminView(long documents, long bytes, Instant lastUpdate, boolean rebuilding, int rebuilt,
                              int toRebuild, ContentImport.Progress contentImport, SearchIndex.Semantic semantic)
        implements View {

    static SearchAdminView of(SearchIndex.Status status, ContentImport.Progress contentImport) {
        return new SearchAdminView(status.documents(), status.bytes(), status.lastUpdate(), status.rebuild().running(),
                status.rebuild().done(), status.rebuild().total(), contentImport, status.semantic());
    }

    @Override
    public String template() {
        return "search-admin.jte";
    }
}
