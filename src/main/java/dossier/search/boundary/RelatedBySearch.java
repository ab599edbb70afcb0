package dossier.search.boundary;

import dossier.article.boundary.RelatedArticles;
import dossier.article.entity.Article;
import dossier.search.control.SearchHit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;

/** Related and linking articles for an article's page, from the search index. */
@ApplicationScoped
public class RelatedBySearch implements RelatedArticles {

    @Inject
    SearchIndex search;

    @Override
    public List<Link> alike(Article article, int limit) {
        return links(search.related(article.slug(), article.title() + "\n" + article.plainText(), limit));
    }

    @Override
    public List<Link> linkingTo(Article article, Collection<String> addresses, int limit) {
        return links(search.linkingTo(article.slug(), addresses, limit));
    }

    private static List<Link> links(List<SearchHit> hits) {
        return hits.stream().map(h -> new Link(h.slug(), h.title(), h.published())).toList();
    }
}
