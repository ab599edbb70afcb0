package dossier.markdown.control;

import java.util.Arrays;

/**
 * How deeply a Markdown text nests, measured before it is parsed, in one pass over its characters. flexmark
 * renders (and post-processes) its syntax tree recursively, so a few kilobytes of {@code >>>>…} or {@code *a *a
 * *a …} overflow the stack of whichever thread renders them; this finds such texts cheaply and says where the
 * excess levels begin, so that they can be refused or written as text.
 *
 * <p>Two measures, each an estimate that errs on the deep side:
 * <ul>
 * <li><b>containers</b>: block quotes and list items open on a line ({@code >}, {@code -}, {@code +}, {@code *},
 * {@code 1.}, {@code 1)} at its start, one after another), plus the list items of earlier lines that the line's
 * indentation keeps open. Lines inside fenced code are not read; a line of thematic-break characters is a rule,
 * not a list.</li>
 * <li><b>inline</b>: within a paragraph (up to the next blank line), brackets matched with brackets, and
 * emphasis or strike-through delimiters ({@code *}, {@code _}, {@code ~}) matched by their flanking, each
 * delimiter character counted as one level.</li>
 * </ul>
 *
 * <p>The scan reads the lines and their containers; each paragraph's inline nesting is {@link InlineNesting},
 * the edits it makes are {@link TextEdits}. One more thing overflows flexmark, and it is not nesting: very long
 * runs of thematic-break characters, which {@link RuleLines} shortens as the lines are read; texts are never
 * refused for them.
 */
final class Nesting {

    /**
     * What the scan found: the deepest levels (at most {@code limit + 1}: the scan stops counting there) and the
     * text with every level past the limit written as text.
     */
    record Result(int containers, int inline, String flattened) {
    }

    private static final int NONE = -1;

    private final String text;
    private final int limit;
    private final int length;
    private final TextEdits edits;

    private int maxContainers;
    private int maxInline;

    /** Content columns of the list items open after the previous line. */
    private int[] items = new int[16];
    private int openItems;

    private boolean inFence;
    private char fenceChar;
    private int fenceLength;
    /** The previous line was text of a paragraph, which a line of plain text may continue lazily. */
    private boolean previousWasText;
    private InlineNesting paragraph;

    /** Where the scan of a line's container markers stands: a position in the text and its column. */
    private int at;
    private int column;

    private Nesting(String text, int limit) {
        this.text = text;
        this.limit = limit;
        this.length = text.length();
        this.edits = new TextEdits(text);
    }

    static Result scan(String markdown, int limit) {
        Nesting nesting = new Nesting(markdown, limit);
        nesting.run();
        return new Result(nesting.maxContainers, nesting.maxInline, nesting.edits.apply());
    }

    private void run() {
        int lineStart = 0;
        while (lineStart <= length) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = length;
            }
            int end = lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            if (inFence) {
                fenced(lineStart, end);
            } else if (text.substring(lineStart, end).isBlank()) {
                endParagraph();
                previousWasText = false;
            } else {
                line(lineStart, end);
            }
            lineStart = lineEnd + 1;
        }
        endParagraph();
    }

    /** A line inside fenced code: not read, unless it closes the fence. */
    private void fenced(int start, int end) {
        int first = skipQuotesAndSpaces(start, end);
        int run = runLength(text, first, end, fenceChar);
        if (run >= fenceLength && text.substring(first + run, end).isBlank()) {
            inFence = false;
        }
    }

    /** A line with something on it: its containers, then a fence that opens, a rule, or paragraph text. */
    private void line(int start, int end) {
        int content = containers(start, end);
        int fence = Math.max(runLength(text, content, end, '`'), runLength(text, content, end, '~'));
        if (fence >= 3) {
            endParagraph();
            inFence = true;
            fenceChar = text.charAt(content);
            fenceLength = fence;
            previousWasText = false;
        } else if (content < end && RuleLines.isRule(text, content, end)) {
            RuleLines.shortenLongRun(text, content, end, edits);
            endParagraph(); // a rule, or the underline of a heading: the paragraph ends here
            previousWasText = false;
        } else {
            RuleLines.shortenLongRun(text, content, end, edits);
            if (paragraph == null) {
                paragraph = new InlineNesting(text, limit, edits);
            }
            paragraph.read(content, end);
            previousWasText = true;
        }
    }

    /** Reads the container markers at the start of a line, and returns where its content begins. */
    private int containers(int start, int end) {
        at = start;
        column = 0;
        int quotes = quoteMarkers(end);
        if (quotes == NONE) {
            return at;
        }
        // A line of plain text after a paragraph may continue it lazily: it keeps the items open.
        if (listMarker(at, end) > 0 || quotes > 0 || !previousWasText) {
            openItems = openItemsWithin(column);
        }
        int depth = quotes + openItems;
        count(depth);
        listMarkers(end, depth);
        return at;
    }

    /**
     * Reads the block quote markers that open a line (their columns count as indentation for the list items
     * inside them) and returns how many; {@link #NONE} when one was past the limit and is escaped.
     */
    private int quoteMarkers(int end) {
        int quotes = 0;
        while (at < end) {
            char c = text.charAt(at);
            if (c == ' ') {
                column++;
            } else if (c == '\t') {
                column += 4 - column % 4;
            } else if (c == '>') {
                if (quotes + openItemsWithin(column) >= limit) {
                    tooDeep(at);
                    return NONE;
                }
                quotes++;
                column++;
            } else {
                break;
            }
            at++;
        }
        return quotes;
    }

    /** Reads the list markers after the quotes, each opening an item one level deeper than {@code depth}. */
    private void listMarkers(int end, int depth) {
        while (at < end) {
            int width = listMarker(at, end);
            if (width == 0) {
                return;
            }
            if (depth >= limit) {
                tooDeep(Character.isDigit(text.charAt(at)) ? at + width - 1 : at);
                return;
            }
            push(column + width + 1);
            depth++;
            count(depth);
            column += width;
            at += width;
            depth = afterMarker(end, depth);
            if (depth == NONE) {
                return;
            }
        }
    }

    /**
     * The space after a list marker, and any before a marker or quote nested on the same line; a quote there is
     * one level deeper. Returns the depth then, or {@link #NONE} when a quote was past the limit and is escaped.
     */
    private int afterMarker(int end, int depth) {
        while (at < end && (text.charAt(at) == ' ' || text.charAt(at) == '\t' || text.charAt(at) == '>')) {
            if (text.charAt(at) == '>') {
                if (depth >= limit) {
                    tooDeep(at);
                    return NONE;
                }
                depth++;
                count(depth);
            }
            column++;
            at++;
        }
        return depth;
    }

    /** This marker is one level past the limit: it is written as text, and the text counts as too deep. */
    private void tooDeep(int marker) {
        edits.escape(marker);
        count(limit + 1);
    }

    /** How many of the open list items a line indented to this column stays inside. */
    private int openItemsWithin(int column) {
        int n = openItems;
        while (n > 0 && items[n - 1] > column) {
            n--;
        }
        return n;
    }

    /**
     * The width of a list marker at {@code i} ({@code -}, {@code +}, {@code *} or up to nine digits and {@code .}
     * or {@code )}) followed by a space, a tab or the line's end; 0 when there is none, or when the rest of the line
     * is a thematic break, which is a rule rather than a list.
     */
    private int listMarker(int i, int end) {
        if (i >= end) {
            return 0;
        }
        char c = text.charAt(i);
        int width;
        if (c == '-' || c == '+' || c == '*') {
            width = 1;
        } else if (c >= '0' && c <= '9') {
            int digits = 0;
            while (i + digits < end && digits < 10 && Character.isDigit(text.charAt(i + digits))) {
                digits++;
            }
            if (digits > 9 || i + digits >= end || (text.charAt(i + digits) != '.' && text.charAt(i + digits) != ')')) {
                return 0;
            }
            width = digits + 1;
        } else {
            return 0;
        }
        if (i + width < end && text.charAt(i + width) != ' ' && text.charAt(i + width) != '\t') {
            return 0;
        }
        if ((c == '-' || c == '*') && RuleLines.isRule(text, i, end)) {
            return 0;
        }
        return width;
    }

    private int skipQuotesAndSpaces(int i, int end) {
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '>')) {
            i++;
        }
        return i;
    }

    private void push(int column) {
        if (openItems == items.length) {
            items = Arrays.copyOf(items, openItems * 2);
        }
        items[openItems++] = column;
    }

    private void count(int depth) {
        maxContainers = Math.max(maxContainers, Math.min(depth, limit + 1));
    }

    private void endParagraph() {
        if (paragraph != null) {
            maxInline = Math.max(maxInline, paragraph.finish());
            paragraph = null;
        }
    }

    /** Length of the run of {@code c} at {@code i}, up to {@code end}. */
    static int runLength(String text, int i, int end, char c) {
        int j = i;
        while (j < end && text.charAt(j) == c) {
            j++;
        }
        return j - i;
    }
}
