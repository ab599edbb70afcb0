package dossier.article.entity;

import java.util.List;
import java.util.Objects;

/** What rendering the Markdown of an article yields: sanitized HTML, its headings, its text, its length in words. */
public record Body(String html, List<Outline.Entry> outline, String plainText, int wordCount) {
    public Body {
        Objects.requireNonNull(html);
        outline = List.copyOf(outline);
        plainText = plainText == null ? "" : plainText;
    }
}
