package dossier.article.boundary;

import dossier.article.entity.Article;

import java.util.List;
import java.util.Map;

/**
 * One page of a list of articles as the home and tag pages show it: the teasers with their comment counts, and
 * the pager that leads from {@code basePath} to the newer and older pages.
 */
public record ArticleList(List<Article> articles, Map<Long, Long> commentCounts, long total, int page, int pages,
                          String basePath) {

    static ArticleList of(Articles.Slice slice, Map<Long, Long> commentCounts, String basePath) {
        return new ArticleList(slice.articles(), commentCounts, slice.total(), slice.page(), slice.pages(), basePath);
    }

    /** The visible comments under this article. */
    public long comments(Article article) {
        return commentCounts.getOrDefault(article.id(), 0L);
    }

    public boolean hasNewer() {
        return page > 1;
    }

    public boolean hasOlder() {
        return page < pages;
    }
}
