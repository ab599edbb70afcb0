package dossier.markdown.control;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks TeX in text as math for the page's bundled typesetter: {@code $$…$$} becomes a display formula and
 * {@code $…$} an inline one, by Pandoc's rules so that prices stay prices: the opening {@code $} has a
 * non-space after it, the closing one a non-space before it and no digit after it. Code, links and
 * preformatted text are left alone. The formula stays text (escaped like any text); the browser turns it
 * into MathML, and without JavaScript the reader sees the TeX.
 */
public final class MathMarkup {

    private static final Pattern MATH = Pattern.compile(
            "\\$\\$(?<display>[^$]+?)\\$\\$|(?<![\\\\$\\w])\\$(?=[^\\s$])(?<inline>[^$\\n]*?[^\\s\\\\$])\\$(?![\\d$])");
    private static final List<String> SKIP = List.of("code", "pre", "a", "kbd", "samp");

    private MathMarkup() {
    }

    static void mark(Element body) {
        List<TextNode> texts = new ArrayList<>();
        collect(body, texts);
        for (TextNode text : texts) {
            String s = text.getWholeText();
            Matcher m = MATH.matcher(s);
            if (!m.find()) {
                continue;
            }
            List<Node> parts = new ArrayList<>();
            int at = 0;
            do {
                if (m.start() > at) {
                    parts.add(new TextNode(s.substring(at, m.start())));
                }
                boolean display = m.group("display") != null;
                Element math = new Element("span").addClass("math").addClass(display ? "display" : "inline")
                        .text((display ? m.group("display") : m.group("inline")).strip());
                parts.add(math);
                at = m.end();
            } while (m.find());
            if (at < s.length()) {
                parts.add(new TextNode(s.substring(at)));
            }
            for (Node part : parts) {
                text.before(part);
            }
            text.remove();
        }
    }

    /** Whether this plain text (a summary, say) holds a formula. */
    public static boolean hasMath(String text) {
        return text != null && MATH.matcher(text).find();
    }

    /** Plain text as HTML: escaped, with its formulas marked as in an article. */
    public static String html(String text) {
        Element holder = new Element("p").text(text == null ? "" : text);
        mark(holder);
        return holder.html();
    }

    /** Where to cut this text at or before {@code index} without cutting a formula in two. */
    public static int cutBefore(String text, int index) {
        Matcher m = MATH.matcher(text);
        while (m.find() && m.start() < index) {
            if (m.end() > index) {
                return m.start();
            }
        }
        return index;
    }

    /** The formulas marked in this HTML back as text with their delimiters, for plain text and summaries. */
    static void unmark(Element body) {
        for (Element math : body.select("span.math")) {
            String tex = math.text();
            math.replaceWith(new TextNode(math.hasClass("display") ? "$$" + tex + "$$" : "$" + tex + "$"));
        }
    }

    private static void collect(Element element, List<TextNode> into) {
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode t) {
                into.add(t);
            } else if (child instanceof Element e && !SKIP.contains(e.normalName())) {
                collect(e, into);
            }
        }
    }
}
