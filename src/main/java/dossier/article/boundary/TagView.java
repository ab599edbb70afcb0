package dossier.article.boundary;

import dossier.site.control.View;

/** The published articles with one tag. */
public record TagView(String tag, ArticleList list) implements View {

    @Override
    public String template() {
        return "tag.jte";
    }
}
