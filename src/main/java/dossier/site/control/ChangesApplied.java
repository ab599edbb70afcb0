package dossier.site.control;

import java.util.List;

/**
 * Articles with these ids changed, and addresses with these slugs are gone: a change committed on this node, or
 * one that this node has taken in from the change log (made on another node, or a scheduled article gone live).
 * Whatever a node keeps of articles (cached pages) forgets them: only those articles' own pages when
 * {@code discussionTextOnly} (nothing but comment texts changed), else everything.
 */
public record ChangesApplied(List<Long> ids, List<String> slugs, boolean discussionTextOnly) {
    public ChangesApplied {
        ids = List.copyOf(ids);
        slugs = List.copyOf(slugs);
    }
}
