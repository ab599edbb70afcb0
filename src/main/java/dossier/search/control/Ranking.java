package dossier.search.control;

/**
 * The knobs of relevance: BM25's term-frequency saturation {@code k1} and length normalisation {@code b}, and the
 * weight of a match in each field against a match in the body (1).
 *
 * <p>The defaults come from a sweep on the SciFact train split only ({@code dossier.search.bench.SciFactBench
 * --sweep}): k1 and b barely matter there (every pair from 0.6 to 1.8 and 0.3 to 0.9 lies within 0.006 nDCG@10),
 * while weighting the title above the body costs clearly (1.25: -0.01, 2: -0.04). A word's score already adds up
 * over every field it occurs in, and a match in a short field such as a title scores high in BM25 by itself, so an
 * extra boost counts the title twice. Headings, summary and tags have no counterpart in SciFact and get the same
 * weight for the same reason.
 */
public record Ranking(float k1, float b, float title, float headings, float summary, float tags) {

    public static final Ranking DEFAULT = new Ranking(1.2f, 0.45f, 1f, 1f, 1f, 1f);

    public Ranking {
        if (!(k1 >= 0) || !(b >= 0 && b <= 1) || !(title > 0) || !(headings > 0) || !(summary > 0) || !(tags > 0)) {
            throw new IllegalArgumentException("BM25 needs k1 >= 0, 0 <= b <= 1 and positive field weights.");
        }
    }

    public Ranking withBm25(float k1, float b) {
        return new Ranking(k1, b, title, headings, summary, tags);
    }

    public Ranking withTitle(float title) {
        return new Ranking(k1, b, title, headings, summary, tags);
    }
}
