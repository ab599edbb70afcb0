package dossier.article.boundary;

import dossier.article.control.LineDiff;
import dossier.article.entity.Article;
import dossier.site.control.View;

import java.time.Instant;

/**
 * The editor: the article being changed (null for a new one) and the form as typed, with the reason a save was
 * refused, a note, the preview's HTML, and the differences from the current version after a conflicting save.
 */
public record EditorView(Article article, EditorForm form, String error, String note, String preview,
                         LineDiff.Result conflict, Instant now) implements View {

    /** Where the form is sent: a new article, or this one's edit address. */
    public String action() {
        return article == null ? "/new" : "/articles/" + article.slug() + "/edit";
    }

    @Override
    public String template() {
        return "editor.jte";
    }
}
