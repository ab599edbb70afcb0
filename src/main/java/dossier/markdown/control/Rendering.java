package dossier.markdown.control;

import java.util.List;

/**
 * An article body rendered to sanitized HTML.
 *
 * @param html         sanitized HTML, without the leading H1 when there was one
 * @param headings     the headings in {@code html}, in document order
 * @param firstHeading the plain text of the H1 the document began with, or {@code null}; the page prints it as
 *                     the title, which is why it is not part of {@code html}
 * @param plainText    the text of {@code html} without markup, whitespace collapsed; like {@code html} it leaves
 *                     out the title, so that a summary cut from it does not repeat the title
 */
public record Rendering(String html, List<Heading> headings, String firstHeading, String plainText) {

    public Rendering {
        headings = List.copyOf(headings);
    }
}
