package dossier.article.boundary;

import dossier.article.control.LineDiff;
import dossier.article.entity.Article;
import dossier.article.entity.Revision;
import dossier.article.entity.Status;
import dossier.site.control.Formats;
import dossier.site.control.View;

import java.time.Instant;

/**
 * The editor: the article being changed (null for a new one) and the form as typed, with the reason a save was
 * refused, a note, the preview's HTML, and the differences from the current version after a conflicting save.
 */
public record EditorView(Article article, Form form, String error, String note, String preview,
                         LineDiff.Result conflict, Instant now) implements View {

    /** The editor's form as typed: kept whole when a save is refused, so no text is ever lost. */
    public record Form(String title, String slug, String summary, String tags, String author, String published,
                       String path, String markdown, String message, Integer version) {

        static Form empty() {
            return new Form("", "", "", "", "", "", "", "", "", null);
        }

        static Form of(Revision.Snapshot s, int version, Instant now) {
            // A draft's stored time is only a plan when it lies ahead; otherwise publishing means "now".
            boolean planned = s.status() == Status.PUBLISHED || s.publishedAt().isAfter(now);
            return new Form(s.title(), s.slug(), nz(s.summary()), String.join(", ", s.tags()), nz(s.author()),
                    planned ? Formats.inputTime(s.publishedAt()) : "", nz(s.aliasPath()), s.markdown(), "", version);
        }

        Form withVersion(int v) {
            return new Form(title, slug, summary, tags, author, published, path, markdown, message, v);
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }
    }

    /** Where the form is sent: a new article, or this one's edit address. */
    public String action() {
        return article == null ? "/new" : "/articles/" + article.slug() + "/edit";
    }

    @Override
    public String template() {
        return "editor.jte";
    }
}
