package dossier.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import dossier.search.control.SearchSyntax.Kind;
import dossier.search.control.SearchSyntax.Part;
import org.junit.jupiter.api.Test;

class SearchSyntaxTest {

    private static List<Part> parse(String text) {
        return SearchSyntax.parse(text);
    }

    @Test
    void wordsPhrasesExclusionsAndFiltersAreRecognised() {
        assertEquals(List.of(
                        new Part(Kind.WORD, "energy", false, "energy"),
                        new Part(Kind.PHRASE, "data sovereignty", false, "\"data sovereignty\""),
                        new Part(Kind.WORD, "cloud", true, "-cloud"),
                        new Part(Kind.PHRASE, "vendor lock", true, "-\"vendor lock\""),
                        new Part(Kind.TAG, "europe", false, "tag:europe"),
                        new Part(Kind.AUTHOR, "Ada Lovelace", false, "Author:\"Ada Lovelace\""),
                        new Part(Kind.PREFIX, "deploy", false, "deploy*")),
                parse("energy \"data sovereignty\" -cloud -\"vendor lock\" tag:europe Author:\"Ada Lovelace\" deploy*"));
    }

    @Test
    void operatorCharactersAreJustText() {
        assertEquals(List.of(new Part(Kind.WORD, "unbalanced", false, "unbalanced")), parse("\"unbalanced"));
        assertEquals(List.of(new Part(Kind.WORD, "-", false, "-")), parse("-"));
        assertEquals(List.of(new Part(Kind.WORD, "*", false, "*")), parse("*"));
        assertEquals(List.of(new Part(Kind.WORD, "tag:", false, "tag:")), parse("tag:"));
        assertEquals(List.of(new Part(Kind.WORD, "title:x^99~", false, "title:x^99~")), parse("title:x^99~"));
    }

    @Test
    void aPastedEssayIsCutToABoundedQuery() {
        assertEquals(SearchSyntax.MAX_PARTS, parse("word ".repeat(1_000)).size());
        String longWord = "x".repeat(2_000);
        assertEquals(SearchSyntax.MAX_CHARS, parse(longWord).get(0).value().length());
        String emoji = "a".repeat(SearchSyntax.MAX_CHARS - 1) + "\uD83D\uDE00";
        assertEquals(SearchSyntax.MAX_CHARS - 1, parse(emoji).get(0).value().length(), "no half emoji");
    }
}
