package dossier.markdown.control;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The text of a rendered article, for search and summaries: no markup, code included, no URLs, every block
 * separated from the next and all whitespace collapsed to single spaces.
 */
final class PlainText {

    private PlainText() {
    }

    /**
     * Leaves out what is navigation rather than content; changes {@code html}, so call it last. jsoup's own
     * {@code text()} keeps the line breaks of code blocks and glues some blocks together ({@code summary}), so
     * this separates every block and collapses all whitespace itself.
     */
    static String of(Document html) {
        html.body().select("a.anchor, a.footnote-ref, a.footnote-backref, ul.toc").remove();
        // Formulas keep their delimiters, so that a summary made from this text shows them as formulas again.
        MathMarkup.unmark(html.body());
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    appendCollapsed(text, textNode.getWholeText());
                } else if (isSeparating(node)) {
                    appendSpace(text);
                }
            }

            @Override
            public void tail(org.jsoup.nodes.Node node, int depth) {
                if (isSeparating(node)) {
                    appendSpace(text);
                }
            }
        }, html.body());
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }

    private static boolean isSeparating(org.jsoup.nodes.Node node) {
        return node instanceof Element element
                && (element.isBlock() || element.nameIs("br") || element.nameIs("summary")
                        || element.nameIs("td") || element.nameIs("th") || element.nameIs("img"));
    }

    private static void appendSpace(StringBuilder text) {
        if (!text.isEmpty() && text.charAt(text.length() - 1) != ' ') {
            text.append(' ');
        }
    }

    private static void appendCollapsed(StringBuilder text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                appendSpace(text);
            } else {
                text.append(c);
            }
        }
    }
}
