package dossier.search.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009) of the lexical ranking and the semantic one: an
 * article scores {@code 1/(k + rank)} in each list it is in, the semantic term weighted by {@code weight}, and the
 * sums decide. Ranks rather than scores, because BM25 scores and cosine similarities have no common scale and
 * BM25's range changes from query to query. Among equal sums the lexical rank decides, then the semantic one.
 */
final class Fusion {

    /**
     * Chosen on the SciFact train split (809 claims) through the site: k from 10 to 100 and weights from 0.5 to
     * 2 were swept; see README's "Semantic search" for the figures.
     */
    static final int K = 60;
    static final float SEMANTIC_WEIGHT = 1.0f;
    /**
     * The cosine similarity below which a passage does not count as near: bge-small-en-v1.5 puts a query and an
     * unrelated passage at 0.3 to 0.55, a passage that answers it at 0.6 and above. Without a floor, every search
     * would list every article of a small site, the unrelated ones last.
     */
    static final float MIN_SIMILARITY = 0.6f;

    /** k, the semantic weight and the similarity floor. */
    record Settings(int k, float weight, float minSimilarity) {
        static final Settings DEFAULT = new Settings(K, SEMANTIC_WEIGHT, MIN_SIMILARITY);

        Settings {
            minSimilarity = Float.isFinite(minSimilarity) ? Math.max(-1f, Math.min(minSimilarity, 1f)) : MIN_SIMILARITY;
            k = Math.max(1, Math.min(k, 1_000));
            weight = Float.isFinite(weight) ? Math.max(0f, Math.min(weight, 100f)) : SEMANTIC_WEIGHT;
        }
    }

    /** One fused article: its ranks in either list (-1: not in it) and its fused score. */
    record Ranked(String slug, int lexicalRank, int semanticRank, float score) {
    }

    private Fusion() {
    }

    static List<Ranked> fuse(List<String> lexical, List<String> semantic) {
        return fuse(lexical, semantic, K, SEMANTIC_WEIGHT);
    }

    static List<Ranked> fuse(List<String> lexical, List<String> semantic, int k, float weight) {
        Map<String, int[]> ranks = new LinkedHashMap<>();
        for (int i = 0; i < lexical.size(); i++) {
            ranks.computeIfAbsent(lexical.get(i), s -> new int[] {-1, -1})[0] = i;
        }
        for (int i = 0; i < semantic.size(); i++) {
            int[] r = ranks.computeIfAbsent(semantic.get(i), s -> new int[] {-1, -1});
            if (r[1] < 0) {
                r[1] = i;
            }
        }
        List<Ranked> fused = new ArrayList<>(ranks.size());
        for (Map.Entry<String, int[]> e : ranks.entrySet()) {
            int[] r = e.getValue();
            float score = (r[0] < 0 ? 0f : 1f / (k + r[0] + 1)) + (r[1] < 0 ? 0f : weight / (k + r[1] + 1));
            fused.add(new Ranked(e.getKey(), r[0], r[1], score));
        }
        fused.sort(Comparator.comparing(Ranked::score).reversed()
                .thenComparingInt(r -> r.lexicalRank() < 0 ? Integer.MAX_VALUE : r.lexicalRank())
                .thenComparingInt(r -> r.semanticRank() < 0 ? Integer.MAX_VALUE : r.semanticRank()));
        return fused;
    }
}
