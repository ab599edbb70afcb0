package dossier.markdown.control;

import java.util.Arrays;

/**
 * Edits to a text, gathered in any order while it is scanned and applied at once: a backslash inserted before a
 * character, or a span replaced. The same backslash inserted twice counts once, and an edit inside a span
 * already replaced is dropped.
 */
final class TextEdits {

    private static final int NONE = -1;

    private final String text;
    private int[] editAt = new int[8];
    private int[] editEnd = new int[8];
    private String[] editWith = new String[8];
    private int edits;

    TextEdits(String text) {
        this.text = text;
    }

    /** Writes the character at {@code at} as text, with a backslash before it. */
    void escape(int at) {
        replace(at, at, "\\");
    }

    void replace(int at, int end, String with) {
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

    /** The text with every edit made; the same text when there is none. */
    String apply() {
        if (edits == 0) {
            return text;
        }
        Integer[] order = new Integer[edits];
        for (int k = 0; k < edits; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> editAt[a] != editAt[b] ? Integer.compare(editAt[a], editAt[b])
                : Integer.compare(editEnd[a], editEnd[b]));
        StringBuilder out = new StringBuilder(text.length() + edits);
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
        return out.append(text, at, text.length()).toString();
    }
}
