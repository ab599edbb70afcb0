package dossier.article.control;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The articles an article's HTML links to, as the addresses the site knows them by: {@code /articles/<slug>}
 * gives the slug, any other local one-segment-or-more path (an extra address like {@code /llm-onpremise}) is
 * kept as the path. Links to other sites, anchors and the site's own pages are not articles.
 */
public final class Links {

    private Links() {
    }

    public static Set<String> targets(String html) {
        Set<String> targets = new LinkedHashSet<>();
        if (html == null || html.isEmpty()) {
            return targets;
        }
        for (Element a : Jsoup.parseBodyFragment(html).select("a[href]")) {
            String href = a.attr("href");
            if (!href.startsWith("/") || href.startsWith("//")) {
                continue;
            }
            String path = href.replaceFirst("[?#].*$", "");
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (path.startsWith("/articles/")) {
                String slug = path.substring("/articles/".length());
                if (!slug.isEmpty() && !slug.contains("/")) {
                    targets.add(slug);
                }
            } else if (path.length() > 1 && !ContentParser.RESERVED.contains(path.substring(1).split("/")[0])) {
                targets.add(path);
            }
        }
        return targets;
    }
}
