package dossier.article.boundary;

import dossier.article.control.ArticleSource;
import dossier.article.control.ContentException;
import dossier.article.control.ContentParser;
import dossier.article.entity.Revision;
import dossier.article.entity.Slugs;
import dossier.article.entity.Status;
import dossier.markdown.control.MarkdownRenderer;
import dossier.site.control.Formats;
import jakarta.ws.rs.FormParam;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The editor's form as typed: kept whole when a save is refused, so no text is ever lost; read by the same rules
 * as a content file's front matter when it is saved.
 */
public record EditorForm(String title, String slug, String summary, String tags, String author, String published,
                         String path, String markdown, String message, Integer version) {

    static EditorForm empty() {
        return new EditorForm("", "", "", "", "", "", "", "", "", null);
    }

    /** The form filled in from a revision (or the article as it is), at the article's version. */
    static EditorForm of(Revision.Snapshot s, int version, Instant now) {
        // A draft's stored time is only a plan when it lies ahead; otherwise publishing means "now".
        boolean planned = s.status() == Status.PUBLISHED || s.publishedAt().isAfter(now);
        return new EditorForm(s.title(), s.slug(), nz(s.summary()), String.join(", ", s.tags()), nz(s.author()),
                planned ? Formats.inputTime(s.publishedAt()) : "", nz(s.aliasPath()), s.markdown(), "", version);
    }

    EditorForm withVersion(int v) {
        return new EditorForm(title, slug, summary, tags, author, published, path, markdown, message, v);
    }

    /** What the form says, read by the same rules as a content file's front matter. */
    ArticleSource source(Status status, String currentSlug, MarkdownRenderer renderer) throws ContentException {
        String given = slug.isBlank() ? (currentSlug != null ? currentSlug : Slugs.of(title)) : slug;
        // The publish time is read as a file's "published:" is (one parser): a date, or a date-time in UTC.
        Map<String, Object> fields = ContentParser.fields(title, given, summary,
                Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList(), author,
                published.isBlank() ? null : published, status.name().toLowerCase(Locale.ROOT), path);
        return new ContentParser(renderer).build(null, fields, markdown, null, Instant.now());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The fields of the form as posted. */
    public static class Fields {
        @FormParam("title") String title;
        @FormParam("slug") String slug;
        @FormParam("summary") String summary;
        @FormParam("tags") String tags;
        @FormParam("author") String author;
        @FormParam("published") String published;
        @FormParam("path") String path;
        @FormParam("markdown") String markdown;
        @FormParam("message") String message;
        @FormParam("version") String version;

        EditorForm form() {
            Integer v = null;
            try {
                v = version == null || version.isBlank() ? null : Integer.valueOf(version.strip());
            } catch (NumberFormatException e) {
                v = -1;
            }
            return new EditorForm(nz(title), nz(slug), nz(summary), nz(tags), nz(author), nz(published), nz(path),
                    nz(markdown).replace("\r\n", "\n"), nz(message), v);
        }
    }
}
