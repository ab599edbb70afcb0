package dossier.markdown.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ext.anchorlink.AnchorLinkExtension;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.toc.TocExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.misc.Extension;

import jakarta.enterprise.context.ApplicationScoped;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns Markdown into HTML that is safe to put on a page: one configured flexmark pipeline for article bodies,
 * one for reader comments, and an allow-list sanitizer behind both. Parsers, renderers and the allow-list are
 * immutable and built once, so a single instance serves all threads.
 *
 * <p>Comments differ from articles in what their authors may do: raw HTML in a comment is shown as text, links
 * carry {@code rel="nofollow ugc noopener"}, and headings get neither ids nor anchor links (nor does {@code [TOC]}
 * do anything), because a comment's headings are not part of the page's outline. Headings keep their level.
 * Footnote ids in a comment are prefixed per comment so they cannot collide with the article's.
 *
 * <p>flexmark renders recursively, so deeply nested Markdown would overflow the rendering thread's stack. The rule
 * lives here, for both kinds of text: {@link Nesting} measures the nesting before anything is parsed; a comment
 * nesting deeper than {@link #MAX_NESTING} levels is refused ({@link RefusedMarkdown}), an article is rendered with
 * its deeper levels as text. Should flexmark overflow all the same, the same refusal, or for an article its
 * escaped text, comes out instead: no {@link StackOverflowError} leaves this class.
 */
@ApplicationScoped
public class MarkdownRenderer {

    private static final Logger LOG = Logger.getLogger(MarkdownRenderer.class.getName());

    private static final String COMMENT_REL = "nofollow ugc noopener";

    /**
     * Levels of block quotes and lists, and of links, images and emphasis, that a text may nest. Real writing
     * stays far below (the 3,221 documents of the test corpus reach 6 and 10); flexmark overflows a thread's
     * default stack at several hundred.
     */
    public static final int MAX_NESTING = 32;

    private final Parser articleParser;
    private final HtmlRenderer articleRenderer;
    private final Parser commentParser;
    private final HtmlRenderer commentRenderer;
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    public MarkdownRenderer() {
        MutableDataSet article = commonOptions();
        article.set(Parser.EXTENSIONS, extensions(true));
        article.set(HtmlRenderer.GENERATE_HEADER_ID, true);
        article.set(HtmlRenderer.RENDER_HEADER_ID, true);
        article.set(AnchorLinkExtension.ANCHORLINKS_WRAP_TEXT, false);
        article.set(AnchorLinkExtension.ANCHORLINKS_SET_ID, false);
        article.set(AnchorLinkExtension.ANCHORLINKS_ANCHOR_CLASS, "anchor");
        article.set(TocExtension.LIST_CLASS, "toc");
        articleParser = Parser.builder(article).build();
        articleRenderer = HtmlRenderer.builder(article).build();

        MutableDataSet comment = commonOptions();
        comment.set(Parser.EXTENSIONS, extensions(false));
        comment.set(HtmlRenderer.GENERATE_HEADER_ID, false);
        comment.set(HtmlRenderer.RENDER_HEADER_ID, false);
        comment.set(HtmlRenderer.ESCAPE_HTML, true);
        commentParser = Parser.builder(comment).build();
        commentRenderer = HtmlRenderer.builder(comment).build();
        LOG.config("Markdown pipelines built");
    }

    private static MutableDataSet commonOptions() {
        MutableDataSet options = new MutableDataSet();
        // GitHub's table rules: the separator row must match the header, rows are padded or cut to its width.
        options.set(TablesExtension.COLUMN_SPANS, false);
        options.set(TablesExtension.APPEND_MISSING_COLUMNS, true);
        options.set(TablesExtension.DISCARD_EXTRA_COLUMNS, true);
        options.set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, true);
        options.set(HtmlRenderer.FENCED_CODE_LANGUAGE_CLASS_PREFIX, "language-");
        return options;
    }

    private static List<Extension> extensions(boolean article) {
        List<Extension> extensions = new ArrayList<>(List.of(TablesExtension.create(),
                StrikethroughExtension.create(), TaskListExtension.create(), AutolinkExtension.create(),
                FootnoteExtension.create()));
        if (article) {
            extensions.add(AnchorLinkExtension.create());
            extensions.add(TocExtension.create());
        }
        return extensions;
    }

    public Rendering render(String markdown) {
        Objects.requireNonNull(markdown, "markdown");
        Nesting.Result nesting = Nesting.scan(markdown, MAX_NESTING);
        if (tooDeep(nesting)) {
            LOG.info(() -> "Markdown nests more than " + MAX_NESTING + " levels deep: the deeper levels are shown as text");
        }
        try {
            return renderArticle(nesting.flattened());
        } catch (StackOverflowError e) {
            LOG.warning(() -> "Markdown of " + markdown.length() + " characters nests too deeply to render: shown as text");
            return asText(markdown);
        }
    }

    private Rendering renderArticle(String markdown) {
        com.vladsch.flexmark.util.ast.Document document = articleParser.parse(markdown);
        String title = null;
        Node first = firstVisibleBlock(document);
        if (first instanceof com.vladsch.flexmark.ast.Heading heading && heading.getLevel() == 1) {
            title = heading.getAnchorRefText().trim();
            heading.unlink();
        }
        Document html = sanitizer.clean(articleRenderer.render(document));
        MathMarkup.mark(html.body());
        for (Element link : html.body().select("a[href]")) {
            if (HtmlSanitizer.isExternal(link.attr("href"))) {
                addRel(link, "noopener");
            }
        }
        // Rendering assigned the unique ids to the heading nodes. An empty heading has no id to link to.
        List<Heading> headings = new ArrayList<>();
        for (Node node : document.getDescendants()) {
            if (node instanceof com.vladsch.flexmark.ast.Heading heading && !heading.getAnchorRefId().isEmpty()) {
                headings.add(new Heading(heading.getLevel(), heading.getAnchorRefId(),
                        heading.getAnchorRefText().trim()));
            }
        }
        String body = html.body().html();
        return new Rendering(body, headings, title, PlainText.of(html));
    }

    /**
     * See the class comment for how a comment differs from an article.
     *
     * @throws RefusedMarkdown when the text nests deeper than {@link #MAX_NESTING} levels
     */
    public String commentHtml(String markdown) {
        Objects.requireNonNull(markdown, "markdown");
        Nesting.Result nesting = Nesting.scan(markdown, MAX_NESTING);
        if (nesting.containers() > MAX_NESTING) {
            throw new RefusedMarkdown("This comment nests quotes or lists more than " + MAX_NESTING
                    + " levels deep. Please flatten it.");
        }
        if (nesting.inline() > MAX_NESTING) {
            throw new RefusedMarkdown("This comment nests links, images or emphasis more than " + MAX_NESTING
                    + " levels deep. Please flatten it.");
        }
        try {
            return renderComment(nesting.flattened(), markdown.hashCode());
        } catch (StackOverflowError e) {
            LOG.warning(() -> "Comment Markdown of " + markdown.length() + " characters nests too deeply to render: refused");
            throw new RefusedMarkdown("This comment nests its Markdown too deeply to be shown. Please flatten it.");
        }
    }

    /**
     * A comment as {@link #commentHtml} renders it, or its text escaped when that refuses it: for comments stored
     * before the refusal existed, which must still be shown.
     */
    public String commentHtmlOrText(String markdown) {
        try {
            return commentHtml(markdown);
        } catch (RefusedMarkdown refused) {
            return textHtml(markdown);
        }
    }

    private String renderComment(String markdown, int hash) {
        Document html = sanitizer.clean(commentRenderer.render(commentParser.parse(markdown)));
        MathMarkup.mark(html.body());
        String idPrefix = "c" + Integer.toHexString(hash) + "-";
        for (Element element : html.body().select("[id]")) {
            element.attr("id", idPrefix + element.id());
        }
        for (Element link : html.body().select("a[href]")) {
            String href = link.attr("href");
            if (href.startsWith("#") && href.length() > 1) {
                link.attr("href", "#" + idPrefix + href.substring(1));
            }
            link.attr("rel", COMMENT_REL);
        }
        return html.body().html();
    }

    /** The document's text for search and summaries, title included: no markup, code included, no URLs. */
    public String plainText(String markdown) {
        Rendering rendering = render(markdown);
        if (rendering.firstHeading() == null) {
            return rendering.plainText();
        }
        return (rendering.firstHeading() + " " + rendering.plainText()).trim();
    }

    private static boolean tooDeep(Nesting.Result nesting) {
        return nesting.containers() > MAX_NESTING || nesting.inline() > MAX_NESTING;
    }

    /** The text as escaped paragraphs: what is shown of Markdown that cannot be rendered. */
    private static String textHtml(String markdown) {
        Element body = new Element("div");
        for (String paragraph : markdown.split("\\R\\s*\\R")) {
            if (!paragraph.isBlank()) {
                body.appendElement("p").text(paragraph.strip());
            }
        }
        return body.html();
    }

    private static Rendering asText(String markdown) {
        String text = markdown.strip().replaceAll("\\s+", " ");
        return new Rendering(textHtml(markdown), List.of(), null, text);
    }

    /** Skips what renders nothing: a link reference definition or an HTML comment does not stop a title. */
    private static Node firstVisibleBlock(com.vladsch.flexmark.util.ast.Document document) {
        Node node = document.getFirstChild();
        while (node instanceof Reference || node instanceof HtmlCommentBlock) {
            node = node.getNext();
        }
        return node;
    }

    private static void addRel(Element link, String token) {
        String rel = link.attr("rel").trim();
        if (rel.isEmpty()) {
            link.attr("rel", token);
        } else if (!(" " + rel + " ").contains(" " + token + " ")) {
            link.attr("rel", rel + " " + token);
        }
    }
}
