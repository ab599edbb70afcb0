package dossier.article.boundary;

import dossier.article.entity.SyncConflict;
import dossier.site.control.View;

import java.util.List;

/**
 * The content folder against the database: what the last sync (or dry run) did, if one ran on this request, and
 * the conflicts that wait for a decision.
 */
public record SyncView(ContentImport.Report report, List<SyncConflict> conflicts, String folder) implements View {

    @Override
    public String template() {
        return "sync.jte";
    }
}
