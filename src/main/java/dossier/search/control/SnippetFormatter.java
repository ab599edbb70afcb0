package dossier.search.control;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Writes the highlighter's passages as HTML for a results page. The page inserts the snippet unescaped, so this
 * is where the article's text gets escaped: only the {@code <mark>} elements are markup. The snippet stays near
 * {@code maxChars} visible characters; it is cut at a space, never inside a word that is marked.
 */
final class SnippetFormatter extends PassageFormatter {

    static final String MARK = "<mark>";
    private static final String END_MARK = "</mark>";
    private static final String ELLIPSIS = "\u2026";

    private final int maxChars;

    SnippetFormatter(int maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public String format(Passage[] passages, String content) {
        StringBuilder html = new StringBuilder();
        int budget = maxChars;
        int previousEnd = -1;
        for (Passage passage : passages) {
            if (budget <= 0) {
                break;
            }
            int start = passage.getStartOffset();
            int end = Math.min(passage.getEndOffset(), content.length());
            if (previousEnd >= 0) {
                html.append(previousEnd == start ? " " : " " + ELLIPSIS + " ");
            } else if (start > 0) {
                html.append(ELLIPSIS).append(' ');
            }
            budget = appendPassage(html, content, passage, end, budget);
            previousEnd = end;
        }
        if (budget > 0 && previousEnd >= 0 && previousEnd < content.length()) {
            html.append(' ').append(ELLIPSIS);
        }
        return html.toString().strip();
    }

    /** Appends one passage up to {@code end}, its matches marked, within the budget; returns what is left of it. */
    private static int appendPassage(StringBuilder html, String content, Passage passage, int end, int budget) {
        int position = passage.getStartOffset();
        int[] matchStarts = passage.getMatchStarts();
        int[] matchEnds = passage.getMatchEnds();
        for (int m = 0; m < passage.getNumMatches() && budget > 0; m++) {
            int matchStart = Math.max(matchStarts[m], position);
            int matchEnd = Math.min(matchEnds[m], end);
            if (matchEnd <= matchStart) {
                continue; // overlaps the previous match, already marked
            }
            budget = appendPlain(html, content, position, matchStart, budget);
            if (budget <= 0) {
                break;
            }
            html.append(MARK);
            escape(html, content, matchStart, matchEnd);
            html.append(END_MARK);
            budget -= matchEnd - matchStart;
            position = matchEnd;
        }
        if (budget > 0) {
            return appendPlain(html, content, position, end, budget);
        }
        if (position < end && !endsWithEllipsis(html)) {
            html.append(ELLIPSIS);
        }
        return budget;
    }

    /** Appends {@code content[from, to)} escaped, or as much of it as the budget allows followed by an ellipsis. */
    private static int appendPlain(StringBuilder html, String content, int from, int to, int budget) {
        if (from >= to) {
            return budget;
        }
        if (budget <= 0) {
            html.append(ELLIPSIS);
            return 0;
        }
        if (to - from <= budget) {
            escape(html, content, from, to);
            return budget - (to - from);
        }
        int cut = from + budget;
        int space = content.lastIndexOf(' ', cut);
        if (space > from) {
            cut = space;
        } else if (Character.isLowSurrogate(content.charAt(cut))) {
            cut--;
        }
        escape(html, content, from, cut);
        html.append(ELLIPSIS);
        return 0;
    }

    private static boolean endsWithEllipsis(StringBuilder html) {
        return html.length() > 0 && html.charAt(html.length() - 1) == ELLIPSIS.charAt(0);
    }

    static void escape(StringBuilder html, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
    }
}
