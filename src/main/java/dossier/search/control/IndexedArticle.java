package dossier.search.control;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the index needs of an article; the caller builds it from the database. The body is plain text (code
 * included), as {@code MarkdownRenderer#plainText} makes it, so snippets never show Markdown or HTML markup.
 */
public record IndexedArticle(String slug, String title, List<String> headings, String summary, String body,
                             List<String> tags, String author, Instant published, boolean visible, String discussion,
                             List<String> links) {

    /** An article that links to no other (links: the slugs and extra addresses of the articles it links to). */
    public IndexedArticle(String slug, String title, List<String> headings, String summary, String body,
                          List<String> tags, String author, Instant published, boolean visible, String discussion) {
        this(slug, title, headings, summary, body, tags, author, published, visible, discussion, List.of());
    }

    /** An article without discussion text. */
    public IndexedArticle(String slug, String title, List<String> headings, String summary, String body,
                          List<String> tags, String author, Instant published, boolean visible) {
        this(slug, title, headings, summary, body, tags, author, published, visible, "");
    }


    public IndexedArticle {
        Objects.requireNonNull(slug, "An indexed article needs a slug.");
        title = title == null ? "" : title;
        headings = headings == null ? List.of() : List.copyOf(headings);
        summary = summary == null ? "" : summary;
        body = body == null ? "" : body;
        tags = tags == null ? List.of() : List.copyOf(tags);
        author = author == null ? "" : author;
        discussion = discussion == null ? "" : discussion;
        links = links == null ? List.of() : List.copyOf(links);
    }
}
