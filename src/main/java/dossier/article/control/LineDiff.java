package dossier.article.control;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two Markdown texts, as a page shows it: unchanged lines around each change (three by
 * default), longer unchanged stretches folded into one "skipped" line.
 */
public final class LineDiff {

    public enum Kind { SAME, ADDED, REMOVED, SKIPPED }

    /** One line of the diff; line numbers are 1-based, 0 where the line is not on that side. */
    public record Line(Kind kind, int oldNumber, int newNumber, String text) {
    }

    public record Result(List<Line> lines, int added, int removed) {
        public boolean isEmpty() {
            return added == 0 && removed == 0;
        }
    }

    static final int CONTEXT = 3;

    private LineDiff() {
    }

    public static Result of(String before, String after) {
        return of(before, after, CONTEXT);
    }

    public static Result of(String before, String after, int context) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<Line> all = new ArrayList<>();
        int added = 0;
        int removed = 0;
        int i = 0;
        int j = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int sourceAt = delta.getSource().getPosition();
            while (i < sourceAt) {
                all.add(new Line(Kind.SAME, i + 1, j + 1, a.get(i)));
                i++;
                j++;
            }
            for (String line : delta.getSource().getLines()) {
                all.add(new Line(Kind.REMOVED, ++i, 0, line));
                removed++;
            }
            for (String line : delta.getTarget().getLines()) {
                all.add(new Line(Kind.ADDED, 0, ++j, line));
                added++;
            }
        }
        while (i < a.size()) {
            all.add(new Line(Kind.SAME, i + 1, j + 1, a.get(i)));
            i++;
            j++;
        }
        return new Result(fold(all, context), added, removed);
    }

    /** Keeps {@code context} unchanged lines on each side of a change and folds the rest. */
    private static List<Line> fold(List<Line> all, int context) {
        boolean[] keep = new boolean[all.size()];
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).kind() != Kind.SAME) {
                for (int m = Math.max(0, k - context); m <= Math.min(all.size() - 1, k + context); m++) {
                    keep[m] = true;
                }
            }
        }
        List<Line> out = new ArrayList<>();
        int skipped = 0;
        for (int k = 0; k < all.size(); k++) {
            if (keep[k]) {
                if (skipped > 0) {
                    out.add(skippedLine(skipped));
                    skipped = 0;
                }
                out.add(all.get(k));
            } else {
                skipped++;
            }
        }
        if (skipped > 0) {
            out.add(skippedLine(skipped));
        }
        return out;
    }

    private static Line skippedLine(int count) {
        return new Line(Kind.SKIPPED, 0, 0, count + (count == 1 ? " unchanged line" : " unchanged lines"));
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return List.of(text.replace("\r\n", "\n").split("\n", -1));
    }
}
