package dossier.article.boundary;

import dossier.article.entity.Article;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Other articles an article's page points to: those most alike in content, and those that link to it. The
 * search component answers from its index; the article component knows nothing of the index but this.
 */
public interface RelatedArticles {

    /** Up to {@code limit} published articles most alike this one (never itself). */
    List<Link> alike(Article article, int limit);

    /** Up to {@code limit} published articles whose text links to any of these addresses of this one. */
    List<Link> linkingTo(Article article, Collection<String> addresses, int limit);

    record Link(String slug, String title, Instant published) {
    }
}
