package dossier.article.entity;

import java.util.List;

/**
 * This node has taken in changes from the change log (made here or on another node): articles with these ids,
 * and addresses with these slugs gone. Whatever a node keeps of articles (cached pages) forgets them now: only
 * those articles' own pages when {@code discussionTextOnly} (nothing but comment texts changed), else everything.
 */
public record ChangesApplied(List<Long> ids, List<String> slugs, boolean discussionTextOnly) {
    public ChangesApplied {
        ids = List.copyOf(ids);
        slugs = List.copyOf(slugs);
    }
}
