package dossier.search.boundary;

import dossier.site.control.AdminPanel;
import dossier.site.control.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The overview's search index: its documents, its size, its last update and a rebuild under way. */
@ApplicationScoped
public class SearchPanel implements AdminPanel {

    @Inject
    SearchIndex index;

    @Override
    public int order() {
        return 40;
    }

    @Override
    public State state() {
        SearchIndex.Status status = index.status();
        return new State("Search index", "/admin/search", List.of(
                status.documents() + " documents, " + status.bytes() / 1024 + " KB",
                status.lastUpdate() == null ? "no change taken in since start-up"
                        : "last change taken in " + Formats.iso(status.lastUpdate())),
                status.rebuild().running() ? "Rebuilding: " + status.rebuild().done() + " of " + status.rebuild().total()
                        + " articles read; search answers from the old index meanwhile." : "");
    }
}
