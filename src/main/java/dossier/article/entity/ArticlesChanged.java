package dossier.article.entity;

import java.util.List;

/**
 * Articles were created, edited, published or unpublished (their ids), or deleted (their slugs), in a
 * transaction. {@code discussionText}: nothing changed but the text of their discussions (a comment edited), so
 * only their own pages change, not the lists that show them.
 */
public record ArticlesChanged(List<Long> ids, List<String> deletedSlugs, boolean discussionText) {
    public ArticlesChanged {
        ids = List.copyOf(ids);
        deletedSlugs = List.copyOf(deletedSlugs);
    }

    public ArticlesChanged(List<Long> ids, List<String> deletedSlugs) {
        this(ids, deletedSlugs, false);
    }

    public static ArticlesChanged saved(List<Long> ids) {
        return new ArticlesChanged(ids, List.of());
    }

    /** A comment's text changed under this article: its pages change, and its search document. */
    public static ArticlesChanged discussionText(long id) {
        return new ArticlesChanged(List.of(id), List.of(), true);
    }
}
