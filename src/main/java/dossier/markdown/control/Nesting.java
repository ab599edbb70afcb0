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
 * <p>One more thing overflows flexmark, and it is not nesting: a line that begins with thousands of
 * thematic-break characters ({@code * * * …}) makes its thematic-break pattern recurse once per character. Such a
 * run is shortened to three characters when the line is a rule anyway (it renders the same), else its first
 * character is escaped; texts are never refused for it.
 */
final class Nesting {

    /** Runs of thematic-break characters longer than this at a line's start are shortened or escaped. */
    static final int MAX_RULE_RUN = 256;

    /**
     * What the scan found: the deepest levels (at most {@code limit + 1}: the scan stops counting there) and the
     * text with every level past the limit written as text.
     */
    record Result(int containers, int inline, String flattened) {
    }

    private final String text;
    private final int limit;
    private final int length;
    /** Edits to the text, sorted by position: insert a backslash, or replace a rule's run with three characters. */
    private int[] editAt = new int[8];
    private int[] editEnd = new int[8];
    private String[] editWith = new String[8];
    private int edits;

    private int maxContainers;
    private int maxInline;

    /** Content columns of the list items open after the previous line. */
    private int[] items = new int[16];
    private int openItems;

    private Inline paragraph;

    private static final int NONE = -1;

    private Nesting(String text, int limit) {
        this.text = text;
        this.limit = limit;
        this.length = text.length();
    }

    static Result scan(String markdown, int limit) {
        Nesting nesting = new Nesting(markdown, limit);
        nesting.run();
        return new Result(nesting.maxContainers, nesting.maxInline, nesting.applyEdits());
    }

    private void run() {
        boolean inFence = false;
        char fenceChar = 0;
        int fenceLength = 0;
        boolean previousWasText = false;
        int lineStart = 0;
        while (lineStart <= length) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = length;
            }
            int end = lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            if (inFence) {
                int first = skipQuotesAndSpaces(lineStart, end);
                if (run(first, end, fenceChar) >= fenceLength && text.substring(first + run(first, end, fenceChar), end).isBlank()) {
                    inFence = false;
                }
            } else if (text.substring(lineStart, end).isBlank()) {
                endParagraph();
                previousWasText = false;
            } else {
                int content = containers(lineStart, end, previousWasText);
                int fence = Math.max(run(content, end, '`'), run(content, end, '~'));
                if (fence >= 3) {
                    endParagraph();
                    inFence = true;
                    fenceChar = text.charAt(content);
                    fenceLength = fence;
                    previousWasText = false;
                } else if (content < end && isRule(content, end)) {
                    rule(content, end);
                    endParagraph(); // a rule, or the underline of a heading: the paragraph ends here
                    previousWasText = false;
                } else {
                    rule(content, end);
                    if (paragraph == null) {
                        paragraph = new Inline();
                    }
                    paragraph.read(content, end);
                    previousWasText = true;
                }
            }
            lineStart = lineEnd + 1;
        }
        endParagraph();
    }

    /** Reads the container markers at the start of a line, and returns where its content begins. */
    private int containers(int start, int end, boolean previousWasText) {
        int quotes = 0;
        int i = start;
        int column = 0;
        // Block quote markers first: their columns count as indentation for the list items inside them.
        while (i < end) {
            char c = text.charAt(i);
            if (c == ' ') {
                column++;
                i++;
            } else if (c == '\t') {
                column += 4 - column % 4;
                i++;
            } else if (c == '>') {
                if (quotes + openItemsWithin(column) >= limit) {
                    escape(i);
                    count(limit + 1);
                    return i;
                }
                quotes++;
                column++;
                i++;
            } else {
                break;
            }
        }
        boolean marker = listMarker(i, end) > 0;
        // A line of plain text after a paragraph may continue it lazily: it keeps the items open.
        if (marker || quotes > 0 || !previousWasText) {
            openItems = openItemsWithin(column);
        }
        int depth = quotes + openItems;
        count(depth);
        while (i < end) {
            int width = listMarker(i, end);
            if (width == 0) {
                break;
            }
            if (depth >= limit) {
                char c = text.charAt(i);
                escape(Character.isDigit(c) ? i + width - 1 : i);
                count(limit + 1);
                return i;
            }
            push(column + width + 1);
            depth++;
            count(depth);
            column += width;
            i += width;
            // The space after the marker, and any before a marker or quote nested on the same line.
            while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '>')) {
                if (text.charAt(i) == '>') {
                    if (depth >= limit) {
                        escape(i);
                        count(limit + 1);
                        return i;
                    }
                    depth++;
                    count(depth);
                    quotes++;
                }
                column++;
                i++;
            }
        }
        return i;
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
        if ((c == '-' || c == '*') && isRule(i, end)) {
            return 0;
        }
        return width;
    }

    /**
     * Whether the line from {@code i} on is a thematic break or a heading's underline: three or more of one of
     * their characters, spaces between.
     */
    private boolean isRule(int i, int end) {
        char c = text.charAt(i);
        if (c != '*' && c != '-' && c != '_' && c != '=') {
            return false;
        }
        int count = 0;
        for (int j = i; j < end; j++) {
            char d = text.charAt(j);
            if (d == c) {
                count++;
            } else if (d != ' ' && d != '\t') {
                return false;
            }
        }
        return count >= 3;
    }

    /** Shortens or escapes a very long run of thematic-break characters at the start of a line's content. */
    private void rule(int content, int end) {
        if (content >= end) {
            return;
        }
        char c = text.charAt(content);
        if (c != '*' && c != '-' && c != '_' && c != '=') {
            return;
        }
        int count = 0;
        boolean spaced = false;
        int j = content;
        while (j < end && (text.charAt(j) == c || text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
            if (text.charAt(j) == c) {
                count++;
            } else {
                spaced = true;
            }
            j++;
        }
        if (count <= MAX_RULE_RUN) {
            return;
        }
        if (text.substring(j, end).isBlank()) {
            edit(content, end, spaced ? c + " " + c + " " + c : String.valueOf(c).repeat(3));
        } else {
            escape(content);
        }
    }

    /** Length of the run of {@code c} at {@code i}. */
    private int run(int i, int end, char c) {
        int j = i;
        while (j < end && text.charAt(j) == c) {
            j++;
        }
        return j - i;
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
            paragraph.finish();
            paragraph = null;
        }
    }

    private void escape(int at) {
        edit(at, at, "\\");
    }

    private void edit(int at, int end, String with) {
        if (edits == editAt.length) {
            editAt = Arrays.copyOf(editAt, edits * 2);
            editEnd = Arrays.copyOf(editEnd, edits * 2);
            editWith = Arrays.copyOf(editWith, edits * 2);
        }
        editAt[edits] = at;
        editEnd[edits] = end;
        editWith[edits] = with;
        edits++;
    }

    private String applyEdits() {
        if (edits == 0) {
            return text;
        }
        Integer[] order = new Integer[edits];
        for (int k = 0; k < edits; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> editAt[a] != editAt[b] ? Integer.compare(editAt[a], editAt[b])
                : Integer.compare(editEnd[a], editEnd[b]));
        StringBuilder out = new StringBuilder(length + edits);
        int at = 0;
        int lastInsert = NONE;
        for (int k : order) {
            boolean insert = editAt[k] == editEnd[k];
            if (editAt[k] < at || (insert && editAt[k] == lastInsert)) {
                continue; // inside a run already replaced, or escaped already
            }
            lastInsert = insert ? editAt[k] : NONE;
            out.append(text, at, editAt[k]).append(editWith[k]);
            at = editEnd[k];
        }
        return out.append(text, at, length).toString();
    }

    /**
     * The delimiters of one paragraph, matched as they are read: one stack of opening positions per kind. A
     * matched pair marks its span in {@link #spans}; the running sum over it is the nesting at each position.
     */
    private final class Inline {
        private final int[][] openers = {new int[16], new int[16], new int[16], new int[16]};
        private final int[] open = new int[4];
        private int[] pairOpen = new int[16];
        private int[] pairClose = new int[16];
        private int pairs;
        private int first = NONE;
        private int last;
        /** The character before the one being read, across lines; a line break counts as a space. */
        private char previous = '\n';

        void read(int from, int end) {
            if (first == NONE) {
                first = from;
            }
            last = end;
            int i = from;
            while (i < end) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < end) {
                    previous = text.charAt(i + 1);
                    i += 2;
                } else if (c == '[') {
                    push(3, i);
                    previous = c;
                    i++;
                } else if (c == ']') {
                    pop(3, i, 1);
                    previous = c;
                    i++;
                } else if (c == '*' || c == '_' || c == '~') {
                    int n = run(i, end, c);
                    char next = i + n < end ? text.charAt(i + n) : '\n';
                    boolean left = !isSpace(next) && (!isPunctuation(next) || isSpace(previous) || isPunctuation(previous));
                    boolean right = !isSpace(previous) && (!isPunctuation(previous) || isSpace(next) || isPunctuation(next));
                    boolean opens = c == '_' ? left && (!right || isPunctuation(previous)) : left;
                    boolean closes = c == '_' ? right && (!left || isPunctuation(next)) : right;
                    int kind = c == '*' ? 0 : c == '_' ? 1 : 2;
                    int used = closes ? pop(kind, i, n) : 0;
                    if (opens) {
                        for (int k = used; k < n; k++) {
                            push(kind, i + k);
                        }
                    }
                    previous = c;
                    i += n;
                } else {
                    previous = c;
                    i++;
                }
            }
            previous = '\n';
        }

        private void push(int kind, int at) {
            if (open[kind] == openers[kind].length) {
                openers[kind] = Arrays.copyOf(openers[kind], open[kind] * 2);
            }
            openers[kind][open[kind]++] = at;
        }

        /** Matches up to {@code n} closing characters from {@code at} with the latest openers; returns how many. */
        private int pop(int kind, int at, int n) {
            int matched = 0;
            while (matched < n && open[kind] > 0) {
                int opener = openers[kind][--open[kind]];
                if (pairs == pairOpen.length) {
                    pairOpen = Arrays.copyOf(pairOpen, pairs * 2);
                    pairClose = Arrays.copyOf(pairClose, pairs * 2);
                }
                pairOpen[pairs] = opener;
                pairClose[pairs] = at + (n - 1 - matched);
                pairs++;
                matched++;
            }
            return matched;
        }

        /** Measures the nesting of the matched pairs, and escapes both ends of every pair past the limit. */
        void finish() {
            if (pairs == 0) {
                return;
            }
            int[] spans = new int[last - first + 2];
            for (int p = 0; p < pairs; p++) {
                spans[pairOpen[p] - first]++;
                spans[pairClose[p] - first + 1]--;
            }
            int depth = 0;
            for (int k = 0; k < spans.length; k++) {
                depth += spans[k];
                spans[k] = depth;
                maxInline = Math.max(maxInline, Math.min(depth, limit + 1));
            }
            if (maxInline <= limit) {
                return;
            }
            for (int p = 0; p < pairs; p++) {
                if (spans[pairOpen[p] - first] > limit) {
                    escape(pairOpen[p]);
                    escape(pairClose[p]);
                }
            }
        }
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isPunctuation(char c) {
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
