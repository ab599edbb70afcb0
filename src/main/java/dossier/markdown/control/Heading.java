package dossier.markdown.control;

/**
 * A heading of a rendered article, for the page's own table of contents.
 *
 * @param level 1 to 6
 * @param id    the {@code id} the heading carries in the rendered HTML, unique within the document
 * @param text  the heading's plain text
 */
public record Heading(int level, String id, String text) {
}
