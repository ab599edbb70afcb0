package dossier.search.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Splits an article into the passages that are embedded for semantic search: one or more per heading section,
 * each at most {@link #MAX_WORDS} words (about 256 of the model's word pieces, since English text runs at about
 * 1.3 pieces per word), each prefixed with the article's title (and the section's heading) so that a passage
 * that only says "it" still says what it is about. Cuts fall after a sentence where one ends late enough in the
 * passage, else between words.
 *
 * <p>Each passage carries the SHA-256 of its text: a passage whose text did not change keeps its vector (see
 * {@link PassageVectors}), so editing one section of a long article embeds that section again, not the article.
 */
public final class Passages {

    /** About 256 word pieces of bge-small's tokenizer; chosen on the SciFact train split with 128 and 384 beside it. */
    static final int MAX_WORDS = 190;
    /** A long article is embedded in its first this many passages: bounded work per article. */
    static final int MAX_PASSAGES = 200;

    public record Passage(int ordinal, String text, String hash) {
    }

    private Passages() {
    }

    /** The passages of a visible article; none for an invisible one. */
    public static List<Passage> of(IndexedArticle article) {
        if (!article.visible()) {
            return List.of();
        }
        List<Passage> passages = new ArrayList<>();
        String title = article.title().strip();
        for (Section section : sections(article.body(), article.headings(), article.summary())) {
            String prefix = section.heading().isEmpty() || section.heading().equals(title)
                    ? title : title + " \u2014 " + section.heading();
            int prefixWords = words(prefix).size();
            for (String chunk : chunks(section.text(), Math.max(MAX_WORDS - prefixWords, MAX_WORDS / 2))) {
                if (passages.size() == MAX_PASSAGES) {
                    return passages;
                }
                String text = prefix.isEmpty() ? chunk : prefix + ". " + chunk;
                passages.add(new Passage(passages.size(), text, hash(text)));
            }
        }
        if (passages.isEmpty() && !title.isEmpty()) {
            passages.add(new Passage(0, title, hash(title)));
        }
        return passages;
    }

    private record Section(String heading, String text) {
    }

    /**
     * The body cut at its headings. The body is plain text in which each heading stands as written, so the
     * headings are found in order; one that cannot be found (its text differs in the body) is not a cut. The
     * summary, when the body does not begin with it, is a section of its own before the first.
     */
    private static List<Section> sections(String body, List<String> headings, String summary) {
        List<Section> sections = new ArrayList<>();
        if (!summary.isBlank() && !body.startsWith(summary.strip())) {
            sections.add(new Section("", summary.strip()));
        }
        int start = 0;
        String heading = "";
        for (String next : headings) {
            String wanted = next.strip();
            int at = wanted.isEmpty() ? -1 : body.indexOf(wanted, start);
            if (at < 0) {
                continue;
            }
            addSection(sections, heading, body.substring(start, at));
            heading = wanted;
            start = at + wanted.length();
        }
        addSection(sections, heading, body.substring(start));
        return sections;
    }

    private static void addSection(List<Section> sections, String heading, String text) {
        String stripped = text.strip();
        if (!stripped.isEmpty()) {
            sections.add(new Section(heading, stripped));
        }
    }

    /** The text in pieces of at most {@code max} words, cut after a sentence in the last third where there is one. */
    static List<String> chunks(String text, int max) {
        List<String> words = words(text);
        List<String> chunks = new ArrayList<>();
        int from = 0;
        while (from < words.size()) {
            int to = Math.min(words.size(), from + max);
            if (to < words.size()) {
                for (int end = to; end > from + max * 2 / 3; end--) {
                    if (endsSentence(words.get(end - 1))) {
                        to = end;
                        break;
                    }
                }
            }
            chunks.add(String.join(" ", words.subList(from, to)));
            from = to;
        }
        return chunks;
    }

    private static boolean endsSentence(String word) {
        char last = word.charAt(word.length() - 1);
        return last == '.' || last == '?' || last == '!' || last == '\u3002';
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
