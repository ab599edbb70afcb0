package dossier.markdown.control;

/**
 * Lines of thematic-break characters, which are not nesting but matter to {@link Nesting}: such a line is a rule
 * (or a heading's underline), never a list; and a line that begins with thousands of them ({@code * * * …}) makes
 * flexmark's thematic-break pattern recurse once per character. Such a run is shortened to three characters when
 * the line is a rule anyway (it renders the same), else its first character is escaped.
 */
final class RuleLines {

    /** Runs of thematic-break characters longer than this at a line's start are shortened or escaped. */
    static final int MAX_RUN = 256;

    private RuleLines() {
    }

    /**
     * Whether the line from {@code i} on is a thematic break or a heading's underline: three or more of one of
     * their characters, spaces between.
     */
    static boolean isRule(String text, int i, int end) {
        char c = text.charAt(i);
        if (!isRuleCharacter(c)) {
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
    static void shortenLongRun(String text, int content, int end, TextEdits edits) {
        if (content >= end || !isRuleCharacter(text.charAt(content))) {
            return;
        }
        char c = text.charAt(content);
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
        if (count <= MAX_RUN) {
            return;
        }
        if (text.substring(j, end).isBlank()) {
            edits.replace(content, end, spaced ? c + " " + c + " " + c : String.valueOf(c).repeat(3));
        } else {
            edits.escape(content);
        }
    }

    private static boolean isRuleCharacter(char c) {
        return c == '*' || c == '-' || c == '_' || c == '=';
    }
}
