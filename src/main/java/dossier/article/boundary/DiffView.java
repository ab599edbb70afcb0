package dossier.article.boundary;

import dossier.article.control.LineDiff;
import dossier.article.entity.Article;
import dossier.article.entity.Revision;
import dossier.site.control.View;

/** The line differences between two revisions of an article. */
public record DiffView(Article article, Revision from, Revision to, LineDiff.Result diff) implements View {

    @Override
    public String template() {
        return "diff.jte";
    }
}
