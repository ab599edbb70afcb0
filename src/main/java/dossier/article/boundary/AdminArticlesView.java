package dossier.article.boundary;

import dossier.article.entity.Article;
import dossier.site.control.View;

import java.time.Instant;
import java.util.List;

/** Every article whatever its state, for editors, and how many sync conflicts wait for a decision. */
public record AdminArticlesView(List<Article> articles, Instant now, int conflicts) implements View {

    @Override
    public String template() {
        return "admin-articles.jte";
    }
}
