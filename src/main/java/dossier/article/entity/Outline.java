package dossier.article.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * The headings of an article, kept beside its HTML so the table of contents costs no rendering.
 * Stored one heading a line as {@code level TAB id TAB text}.
 */
public final class Outline {

    public record Entry(int level, String id, String text) {
    }

    private Outline() {
    }

    static String format(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries) {
            out.append(e.level()).append('\t').append(flat(e.id())).append('\t').append(flat(e.text())).append('\n');
        }
        return out.toString();
    }

    static List<Entry> parse(String stored) {
        List<Entry> entries = new ArrayList<>();
        if (stored == null) {
            return entries;
        }
        for (String line : stored.split("\n")) {
            String[] parts = line.split("\t", 3);
            if (parts.length == 3) {
                entries.add(new Entry(Integer.parseInt(parts[0]), parts[1], parts[2]));
            }
        }
        return entries;
    }

    private static String flat(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
