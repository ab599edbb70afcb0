package dossier.article.boundary;

import dossier.site.control.View;

/** The front page: the latest published articles. */
public record HomeView(ArticleList list) implements View {

    @Override
    public String template() {
        return "home.jte";
    }
}
