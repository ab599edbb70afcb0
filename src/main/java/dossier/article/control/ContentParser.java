package dossier.article.control;

import dossier.article.entity.Body;
import dossier.article.entity.Outline;
import dossier.article.entity.Revision;
import dossier.article.entity.Slugs;
import dossier.article.entity.Status;
import dossier.markdown.control.Heading;
import dossier.markdown.control.MarkdownRenderer;
import dossier.markdown.control.Rendering;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the bytes of one content file into an {@link ArticleSource}: strict UTF-8, front matter, a title
 * (front matter, else the first {@code #} heading), a slug (front matter, else the file name, else its folder
 * for {@code README.md} and {@code index.md}), and the rendered body.
 */
public class ContentParser {

    static final int SUMMARY_CHARS = 280;
    private static final Set<String> FOLDER_NAMED = Set.of("readme", "index", "_index");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern ALIAS = Pattern.compile("(/[A-Za-z0-9][A-Za-z0-9._~-]*)+");
    /** First segments of the site's own addresses, which an alias may not take. */
    static final Set<String> RESERVED = Set.of("articles", "tags", "assets", "api", "search", "login", "logout",
            "register", "setup", "account", "admin", "users", "comments", "new", "media", "preview", "feed.atom", "sitemap.xml", "robots.txt", "health",
            "metrics", "openapi", "favicon.ico");

    private final MarkdownRenderer renderer;

    public ContentParser(MarkdownRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer);
    }

    public ArticleSource parse(String sourcePath, byte[] bytes, String hash, Instant fileTime) throws ContentException {
        String text = decode(bytes);
        FrontMatter front = FrontMatter.parse(text);
        return build(sourcePath, front.fields(), front.body(), hash, fileTime);
    }

    /**
     * An article from front-matter fields and a Markdown body, the way an editor's form or the JSON API gives
     * them: the same rules as a content file. Without a source path, a slug must be among the fields.
     */
    public ArticleSource build(String sourcePath, Map<String, Object> fields, String markdown, String hash, Instant fileTime)
            throws ContentException {
        if (sourcePath == null && text(fields.get("slug")) == null) {
            throw new ContentException("it has no slug");
        }
        Rendering rendering = renderer.render(markdown);

        String title = text(fields.get("title"));
        if (title == null) {
            title = blankToNull(rendering.firstHeading());
        }
        if (title == null) {
            throw new ContentException("it has no title: no 'title' in the front matter and no '# heading'");
        }
        String slug = slug(fields.get("slug"), sourcePath == null ? "article.md" : sourcePath);
        String summary = text(fields.get("summary"));
        if (summary == null) {
            summary = text(fields.get("description"));
        }
        if (summary == null) {
            summary = excerpt(rendering.plainText());
        }
        List<Outline.Entry> outline = new ArrayList<>();
        for (Heading h : rendering.headings()) {
            outline.add(new Outline.Entry(h.level(), h.id(), h.text()));
        }
        Body body = new Body(rendering.html(), outline, rendering.plainText(), countWords(rendering.plainText()));
        Instant published = PublishTime.read(first(fields, "published", "date", "created"), fileTime);
        return new ArticleSource(slug, title, summary, text(fields.get("author")), tags(fields.get("tags")),
                status(fields), published, alias(fields.get("path")), markdown, body, sourcePath, hash,
                text(fields.get("slug")) != null);
    }

    /**
     * A longer address for a file whose name-made slug another file already has: its folder's name in front,
     * so {@code configuration/menus.md} becomes {@code configuration-menus} beside {@code menus}.
     */
    public static String qualifiedSlug(ArticleSource source) {
        Path parent = Path.of(source.sourcePath()).getParent();
        if (source.slugDeclared() || parent == null) {
            return null;
        }
        String folder = Slugs.of(parent.getFileName().toString());
        String slug = Slugs.of(folder + "-" + source.slug());
        return folder.isEmpty() || slug.equals(source.slug()) ? null : slug;
    }

    private static String decode(byte[] bytes) throws ContentException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.indexOf('\0') >= 0) {
                throw new ContentException("it contains NUL characters: it is not a text file");
            }
            return text.replace("\r\n", "\n");
        } catch (CharacterCodingException e) {
            throw new ContentException("it is not valid UTF-8 text");
        }
    }

    private static String slug(Object declared, String sourcePath) throws ContentException {
        String given = text(declared);
        if (given != null) {
            String slug = Slugs.of(given);
            if (slug.isEmpty()) {
                throw new ContentException("its slug '" + given + "' has no letters or digits to make an address of");
            }
            return slug;
        }
        Path path;
        try {
            path = Path.of(sourcePath);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ContentException("its file name is not a usable path: give it a 'slug' in the front matter");
        }
        if (path.getFileName() == null) {
            throw new ContentException("no slug can be made from its file name: give it a 'slug' in the front matter");
        }
        String name = path.getFileName().toString().replaceFirst("(?i)\\.md$", "");
        if (FOLDER_NAMED.contains(name.toLowerCase(Locale.ROOT)) && path.getParent() != null) {
            name = path.getParent().getFileName().toString();
        }
        String slug = Slugs.of(name);
        if (slug.isEmpty()) {
            throw new ContentException("no slug can be made from its file name: give it a 'slug' in the front matter");
        }
        return slug;
    }

    private static String alias(Object declared) throws ContentException {
        String path = text(declared);
        if (path == null) {
            return null;
        }
        String normal = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (!ALIAS.matcher(normal).matches() || normal.contains("/.") || normal.length() > 300) {
            throw new ContentException("its path '" + path + "' is not an address like /llm-onpremise");
        }
        String first = normal.substring(1).split("/")[0].toLowerCase(Locale.ROOT);
        if (RESERVED.contains(first)) {
            throw new ContentException("its path '" + path + "' would hide the site's own /" + first + " address");
        }
        return normal;
    }

    private static Status status(Map<String, Object> fields) {
        String status = text(fields.get("status"));
        if ("unpublished".equalsIgnoreCase(status)) {
            return Status.UNPUBLISHED;
        }
        boolean draft = "draft".equalsIgnoreCase(status) || Boolean.TRUE.equals(fields.get("draft"));
        return draft ? Status.DRAFT : Status.PUBLISHED;
    }

    /** An article again from what a revision kept, rendered with today's renderer. */
    public ArticleSource fromSnapshot(Revision.Snapshot snapshot) throws ContentException {
        return build(null, fields(snapshot), snapshot.markdown(), null, snapshot.publishedAt());
    }

    /**
     * The front matter of an article as a content file would state it, in a fixed order: what export writes
     * and what a file import reads back into the same article.
     */
    public static Map<String, Object> fields(Revision.Snapshot s) {
        return fields(s.title(), s.slug(), s.summary(), s.tags(), s.author(), s.publishedAt().toString(),
                s.status().name().toLowerCase(Locale.ROOT), s.aliasPath());
    }

    /**
     * Front matter from its parts, in the order a content file states them; absent (null) parts are left out,
     * so that {@link #build} applies its defaults. The one place the front matter's keys are written.
     */
    public static Map<String, Object> fields(String title, String slug, String summary, List<String> tags, String author,
                                             String published, String status, String path) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("slug", slug);
        putIfPresent(fields, "summary", summary);
        putIfPresent(fields, "tags", tags);
        putIfPresent(fields, "author", author);
        putIfPresent(fields, "published", published);
        putIfPresent(fields, "status", status);
        putIfPresent(fields, "path", path);
        return fields;
    }

    private static void putIfPresent(Map<String, Object> fields, String key, Object value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    private static List<String> tags(Object declared) {
        Set<String> tags = new LinkedHashSet<>();
        if (declared instanceof Collection<?> list) {
            for (Object o : list) {
                String t = text(o);
                if (t != null) {
                    tags.add(t);
                }
            }
        } else {
            String t = text(declared);
            if (t != null) {
                for (String part : t.split(",")) {
                    if (!part.isBlank()) {
                        tags.add(part.strip());
                    }
                }
            }
        }
        return List.copyOf(tags);
    }

    private static Object first(Map<String, Object> fields, String... keys) {
        for (String key : keys) {
            Object v = fields.get(key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** A front-matter value as trimmed text; numbers and dates are written out, lists and maps are not text. */
    static String text(Object value) {
        if (value == null || value instanceof Map || value instanceof Collection) {
            return null;
        }
        return blankToNull(String.valueOf(value).strip());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String excerpt(String plain) {
        String text = plain == null ? "" : plain.strip();
        if (text.length() <= SUMMARY_CHARS) {
            return text.isEmpty() ? null : text;
        }
        int space = text.lastIndexOf(' ', SUMMARY_CHARS);
        int cut = space > SUMMARY_CHARS / 2 ? space : SUMMARY_CHARS;
        int beforeFormula = dossier.markdown.control.MathMarkup.cutBefore(text, cut);
        return text.substring(0, beforeFormula > SUMMARY_CHARS / 2 ? beforeFormula : cut).strip() + "…";
    }

    static int countWords(String plain) {
        int words = 0;
        var m = WORD.matcher(plain == null ? "" : plain);
        while (m.find()) {
            words++;
        }
        return words;
    }
}
