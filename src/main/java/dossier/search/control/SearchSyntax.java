package dossier.search.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The search box's small language, read leniently: plain words, {@code "exact phrases"}, {@code -excluded} words
 * and phrases, {@code tag:name}, {@code author:name} (either may take a quoted value) and {@code prefix*}.
 * Lucene's own query syntax is not exposed: a reader who types {@code AND}, {@code (} or {@code title:x^99~} gets
 * those characters searched as text, and no input is an error. An unclosed quote is ignored. Input is cut at
 * {@link #MAX_CHARS} characters and {@link #MAX_PARTS} parts, so a pasted essay costs a bounded amount.
 */
final class SearchSyntax {

    static final int MAX_CHARS = 500;
    static final int MAX_PARTS = 32;

    enum Kind { WORD, PHRASE, PREFIX, TAG, AUTHOR }

    /** {@code raw} is the part as typed, so a corrected query can be written back in the reader's own syntax. */
    record Part(Kind kind, String value, boolean negated, String raw) {
    }

    private SearchSyntax() {
    }

    static List<Part> parse(String input) {
        String text = cut(input == null ? "" : input);
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length() && parts.size() < MAX_PARTS) {
            i = Character.isWhitespace(text.charAt(i)) ? i + 1 : part(text, i, parts);
        }
        return List.copyOf(parts);
    }

    /** Reads the part that starts at {@code start}, adds it (unless it is noise) and returns where reading goes on. */
    private static int part(String text, int start, List<Part> parts) {
        int n = text.length();
        int i = start;
        boolean negated = text.charAt(i) == '-' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1));
        if (negated) {
            i++;
        }
        if (text.charAt(i) == '"') {
            int close = text.indexOf('"', i + 1);
            if (close < 0) {
                return i + 1; // an unclosed quote is noise: what follows is read as plain words
            }
            add(parts, Kind.PHRASE, text.substring(i + 1, close), negated, text.substring(start, close + 1));
            return close + 1;
        }
        String field = fieldPrefix(text, i);
        int valueStart = field == null ? -1 : i + field.length() + 1;
        if (field != null && valueStart < n && text.charAt(valueStart) == '"') {
            int close = text.indexOf('"', valueStart + 1);
            if (close > 0) {
                add(parts, kindOf(field), text.substring(valueStart + 1, close), negated, text.substring(start, close + 1));
                return close + 1;
            }
        }
        int end = i;
        while (end < n && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        token(text.substring(i, end), field, negated, text.substring(start, end), parts);
        return end;
    }

    /** A part without quotes: a field's value, a prefix or a word. */
    private static void token(String token, String field, boolean negated, String raw, List<Part> parts) {
        if (field != null && token.length() > field.length() + 1) {
            add(parts, kindOf(field), token.substring(field.length() + 1), negated, raw);
        } else if (isPrefix(token)) {
            add(parts, Kind.PREFIX, token.replaceAll("\\*+$", ""), negated, raw);
        } else {
            add(parts, Kind.WORD, token, negated, raw);
        }
    }

    private static Kind kindOf(String field) {
        return field.equals("tag") ? Kind.TAG : Kind.AUTHOR;
    }

    private static void add(List<Part> parts, Kind kind, String value, boolean negated, String raw) {
        if (!value.isBlank()) {
            parts.add(new Part(kind, value.strip(), negated, raw));
        }
    }

    /** "tag" or "author" when the text at {@code i} starts with {@code tag:} or {@code author:}, any case. */
    private static String fieldPrefix(String text, int i) {
        for (String field : new String[] {"tag", "author"}) {
            int end = i + field.length();
            if (end < text.length() && text.charAt(end) == ':'
                    && text.substring(i, end).toLowerCase(Locale.ROOT).equals(field)) {
                return field;
            }
        }
        return null;
    }

    private static boolean isPrefix(String token) {
        if (!token.endsWith("*")) {
            return false;
        }
        return token.chars().anyMatch(Character::isLetterOrDigit);
    }

    /** Cuts between code points, never inside a surrogate pair. */
    private static String cut(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = MAX_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
