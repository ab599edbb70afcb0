package dossier.article.entity;

import java.util.List;

/** Articles were created, edited, published or unpublished (their ids), or deleted (their slugs), in a transaction. */
public record ArticlesChanged(List<Long> ids, List<String> deletedSlugs) {
    public ArticlesChanged {
        ids = List.copyOf(ids);
        deletedSlugs = List.copyOf(deletedSlugs);
    }

    public static ArticlesChanged saved(List<Long> ids) {
        return new ArticlesChanged(ids, List.of());
    }
}
