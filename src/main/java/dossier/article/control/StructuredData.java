package dossier.article.control;

import dossier.article.entity.Article;
import dossier.site.control.Formats;

/** What an article's page tells search engines about it, beyond its text. */
public final class StructuredData {

    private StructuredData() {
    }

    /**
     * The schema.org description of an article, for search engines. Inside a script element, so every
     * {@code <} is written as {@code \u003c}: no text of the article can close the element.
     */
    public static String jsonLd(Article a, String url) {
        return "{\"@context\":\"https://schema.org\",\"@type\":\"Article\",\"headline\":" + Formats.json(a.title())
                + ",\"url\":" + Formats.json(url)
                + ",\"datePublished\":" + Formats.json(Formats.iso(a.publishedAt()))
                + ",\"dateModified\":" + Formats.json(Formats.iso(a.updatedAt()))
                + (a.summary() == null ? "" : ",\"description\":" + Formats.json(a.summary()))
                + ",\"author\":{\"@type\":\"Organization\",\"name\":" + Formats.json(a.author() == null ? "Dossier" : a.author()) + "}"
                + ",\"keywords\":" + Formats.json(String.join(", ", a.tagNames())) + "}";
    }
}
