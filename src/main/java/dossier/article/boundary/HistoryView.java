package dossier.article.boundary;

import dossier.article.entity.Article;
import dossier.article.entity.Revision;
import dossier.site.control.View;

import java.util.List;

/** An article's revisions, newest first, and the earlier slugs that lead to it. */
public record HistoryView(Article article, List<Revision> revisions, List<String> redirects) implements View {

    @Override
    public String template() {
        return "history.jte";
    }
}
