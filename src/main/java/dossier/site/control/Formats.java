package dossier.site.control;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** How pages write dates and addresses. */
public final class Formats {

    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** JSON-P looks its provider up on every {@code Json.create...} call: one factory, made once. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private Formats() {
    }

    /** "27 November 2026". */
    public static String date(Instant instant) {
        return LONG.format(instant);
    }

    private static final DateTimeFormatter LONG_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** "27 November 2026, 14:05 UTC". */
    public static String dateTime(Instant instant) {
        return LONG_TIME.format(instant);
    }

    /** For {@code <input type="datetime-local">}, in UTC: "2026-11-27T14:05:00". */
    public static String inputTime(Instant instant) {
        return instant == null ? "" : INPUT.format(instant);
    }

    /** For {@code <time datetime>}: "2026-11-27T00:00:00Z". */
    public static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /**
     * The schema.org description of an article, for search engines, built with JSON-P. It stands inside a script
     * element, where HTML ends the element at the first {@code </script>} whatever the JSON means: so every
     * {@code <}, {@code >} and {@code &} is written as its six-character JSON escape (backslash, u, four hex digits).
     * They can only occur inside string values, where the escape means the same character; U+2028 and U+2029 are
     * escaped too, for old script parsers.
     */
    public static String jsonLd(dossier.article.entity.Article a, String url) {
        JsonObjectBuilder ld = JSON.createObjectBuilder()
                .add("@context", "https://schema.org")
                .add("@type", "Article")
                .add("headline", a.title())
                .add("url", url)
                .add("datePublished", iso(a.publishedAt()))
                .add("dateModified", iso(a.updatedAt()));
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

    public static String tagPath(String tag) {
        return "/tags/" + URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String articlePath(String slug) {
        return "/articles/" + slug;
    }
}
