package dossier.markdown.control;

import java.util.Arrays;

/**
 * The inline nesting of one paragraph (see {@link Nesting}): brackets matched with brackets, and emphasis or
 * strike-through delimiters ({@code *}, {@code _}, {@code ~}) matched by their flanking, each delimiter character
 * counted as one level. Delimiters are matched as the paragraph's lines are read, one stack of opening positions
 * per kind; a matched pair marks its span, and the running sum over the spans is the nesting at each position.
 */
final class InlineNesting {

    private static final int NONE = -1;
    private static final int BRACKET = 3;

    private final String text;
    private final int limit;
    private final TextEdits edits;
    private final int[][] openers = {new int[16], new int[16], new int[16], new int[16]};
    private final int[] open = new int[4];
    private int[] pairOpen = new int[16];
    private int[] pairClose = new int[16];
    private int pairs;
    private int first = NONE;
    private int last;
    /** The character before the one being read, across lines; a line break counts as a space. */
    private char previous = '\n';

    InlineNesting(String text, int limit, TextEdits edits) {
        this.text = text;
        this.limit = limit;
        this.edits = edits;
    }

    /** Reads one line of the paragraph, from {@code from} to {@code end}. */
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
                continue;
            }
            if (c == '[') {
                push(BRACKET, i);
            } else if (c == ']') {
                pop(BRACKET, i, 1);
            }
            int n = c == '*' || c == '_' || c == '~' ? delimiters(i, end, c) : 1;
            previous = c;
            i += n;
        }
        previous = '\n';
    }

    /** Matches or opens the run of delimiters {@code c} at {@code i}, by its flanking; returns the run's length. */
    private int delimiters(int i, int end, char c) {
        int n = Nesting.runLength(text, i, end, c);
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
        return n;
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

    /**
     * Measures the nesting of the matched pairs, and escapes both ends of every pair past the limit. Returns the
     * deepest level, at most {@code limit + 1}.
     */
    int finish() {
        if (pairs == 0) {
            return 0;
        }
        int[] spans = new int[last - first + 2];
        for (int p = 0; p < pairs; p++) {
            spans[pairOpen[p] - first]++;
            spans[pairClose[p] - first + 1]--;
        }
        int depth = 0;
        int deepest = 0;
        for (int k = 0; k < spans.length; k++) {
            depth += spans[k];
            spans[k] = depth;
            deepest = Math.max(deepest, Math.min(depth, limit + 1));
        }
        if (deepest <= limit) {
            return deepest;
        }
        for (int p = 0; p < pairs; p++) {
            if (spans[pairOpen[p] - first] > limit) {
                edits.escape(pairOpen[p]);
                edits.escape(pairClose[p]);
            }
        }
        return deepest;
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
