package dossier.article.control;

import dossier.article.entity.Article;
import dossier.site.control.Formats;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

import java.util.Map;

/** What an article's page tells search engines about it, beyond its text. */
public final class StructuredData {

    /** JSON-P looks its provider up on every {@code Json.create...} call: one factory, made once. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private StructuredData() {
    }

    /**
     * The schema.org description of an article, for search engines, built with JSON-P. It stands inside a script
     * element, where HTML ends the element at the first {@code </script>} whatever the JSON means: so every
     * {@code <}, {@code >} and {@code &} is written as its six-character JSON escape (backslash, u, four hex digits).
     * They can only occur inside string values, where the escape means the same character; U+2028 and U+2029 are
     * escaped too, for old script parsers.
     */
    public static String jsonLd(Article a, String url) {
        JsonObjectBuilder ld = JSON.createObjectBuilder()
                .add("@context", "https://schema.org")
                .add("@type", "Article")
                .add("headline", a.title())
                .add("url", url)
                .add("datePublished", Formats.iso(a.publishedAt()))
                .add("dateModified", Formats.iso(a.updatedAt()));
        if (a.summary() != null) {
            ld.add("description", a.summary());
        }
        ld.add("author", JSON.createObjectBuilder().add("@type", "Organization")
                        .add("name", a.author() == null ? "Dossier" : a.author()))
                .add("keywords", String.join(", ", a.tagNames()));
        return inScript(ld.build().toString());
    }

    private static String inScript(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
