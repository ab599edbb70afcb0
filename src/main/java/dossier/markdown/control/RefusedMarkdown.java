package dossier.markdown.control;

/**
 * A reader's Markdown that the site will not render, with a message that says why in words a reader can act on:
 * it nests quotes, lists, links or emphasis deeper than {@link MarkdownRenderer#MAX_NESTING} levels. Articles are
 * never refused; their excess levels are shown as text instead.
 */
public class RefusedMarkdown extends IllegalArgumentException {

    public RefusedMarkdown(String message) {
        super(message);
    }
}
