package dossier.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class FusionTest {

    private static List<String> slugs(List<Fusion.Ranked> fused) {
        return fused.stream().map(Fusion.Ranked::slug).toList();
    }

    @Test
    void anArticleHighInBothListsBeatsOneFirstInOnlyOne() {
        List<Fusion.Ranked> fused = Fusion.fuse(List.of("a", "b", "c"), List.of("d", "b", "a"), 60, 1f);
        assertEquals(List.of("a", "b", "d", "c"), slugs(fused));
    }

    @Test
    void articlesFoundOnlyByMeaningJoinTheList() {
        List<Fusion.Ranked> fused = Fusion.fuse(List.of(), List.of("x", "y"), 60, 1f);
        assertEquals(List.of("x", "y"), slugs(fused));
        assertEquals(-1, fused.get(0).lexicalRank());
        assertEquals(0, fused.get(0).semanticRank());
    }

    @Test
    void theWeightShiftsTheBalance() {
        List<String> lexical = List.of("lex", "both");
        List<String> semantic = List.of("sem", "both");
        assertEquals(List.of("both", "lex", "sem"), slugs(Fusion.fuse(lexical, semantic, 60, 0.5f)));
        assertEquals(List.of("both", "sem", "lex"), slugs(Fusion.fuse(lexical, semantic, 60, 2f)));
    }

    @Test
    void equalSumsKeepTheLexicalOrderFirst() {
        assertEquals(List.of("a", "b"), slugs(Fusion.fuse(List.of("a"), List.of("b"), 60, 1f)));
    }

    @Test
    void anArticleTwiceInTheSemanticListCountsAtItsBestRank() {
        List<Fusion.Ranked> fused = Fusion.fuse(List.of(), List.of("a", "b", "a"), 60, 1f);
        assertEquals(List.of("a", "b"), slugs(fused));
        assertEquals(1f / 61, fused.get(0).score(), 1e-6);
    }
}
