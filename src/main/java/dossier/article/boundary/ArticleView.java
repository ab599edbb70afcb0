package dossier.article.boundary;

import dossier.article.entity.Article;
import dossier.article.entity.Outline;
import dossier.site.control.Formats;
import dossier.site.control.View;

import java.util.List;

/**
 * An article's page: the article with its table of contents (empty when too short to help), its discussion, the
 * articles alike it and those that link to it, and what an editor is told about a version readers cannot see.
 */
public record ArticleView(Article article, List<Outline.Entry> toc, Discussions.Part discussion, String baseUrl,
                          List<RelatedArticles.Link> related, List<RelatedArticles.Link> referencedBy, String notice)
        implements View {

    /** The article's address on the public site, for search engines and shared links. */
    public String canonical() {
        return baseUrl + Formats.articlePath(article.slug());
    }

    @Override
    public String template() {
        return "article.jte";
    }
}
