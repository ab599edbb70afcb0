package dossier.article.boundary;

import dossier.article.entity.Article;
import gg.jte.Content;

import java.util.List;
import java.util.Map;

/**
 * The discussions under articles, as the article pages show them. The comment component answers; the article
 * component knows nothing of comments but this.
 */
public interface Discussions {

    /** The discussion under this article as this caller sees it: this page of its threads, in this order. */
    Part under(Article article, int page, boolean newestFirst);

    /** How many visible comments each of these articles has (articles without any are left out). */
    Map<Long, Long> visibleCounts(List<Long> articleIds);

    /**
     * A discussion as a part of the article's page: its size, the page of its threads shown (the one asked for,
     * or the nearest that exists), whether it has formulas, and its markup.
     */
    record Part(long count, int page, boolean hasMath, Content html) {
    }
}
