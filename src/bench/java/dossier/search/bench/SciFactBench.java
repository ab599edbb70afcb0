package dossier.search.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dossier.bench.Corpus;
import dossier.markdown.control.MarkdownRenderer;
import dossier.search.control.ArticleIndex;
import dossier.search.control.IndexedArticle;
import dossier.search.control.SearchHit;
import dossier.search.control.SearchQuery;
import dossier.search.control.SearchResult;

import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Measures how well the search that readers get ranks scientific abstracts: BEIR SciFact, nDCG@10 over the train
 * and test claims, against published BM25 figures (test: 0.665 multi-field, 0.679 one field). A measurement, not
 * a test. Each abstract becomes an article (body through {@link MarkdownRenderer#plainText}, as imports do) and
 * each claim goes through {@link ArticleIndex#search} unchanged, ten hits per page.
 *
 * <p>Run: {@code mvn -Pbench test-compile exec:java -Dexec.mainClass=dossier.search.bench.SciFactBench
 * -Dexec.args="[scifact-dir]"}; the folder defaults to the {@code scifact} corpus of {@link Corpus}. The ranking
 * is the one readers get; its constants in {@code ArticleIndex} and {@code ArticleQueries} were chosen on the
 * train split only, never on the test split.
 */
public final class SciFactBench {

    private static final Instant PUBLISHED = Instant.parse("2020-01-01T00:00:00Z");

    private record Split(String name, Map<String, Map<String, Integer>> qrels) {
    }

    private record Score(double ndcg10, double recall100, int relaxed, int queries) {
    }

    private SciFactBench() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Corpus.folder(args.length > 0 ? args[0] : null, "scifact");
        long start = System.nanoTime();
        List<IndexedArticle> articles = articles(dir.resolve("corpus.jsonl"));
        System.out.printf(Locale.ROOT, "%d abstracts read and rendered in %.2f s%n", articles.size(),
                seconds(start));
        Map<String, String> queries = new HashMap<>();
        for (Map<String, Object> line : JsonLines.read(dir.resolve("queries.jsonl"))) {
            queries.put((String) line.get("_id"), (String) line.get("text"));
        }
        Split train = new Split("train", qrels(dir.resolve("qrels/train.tsv")));
        Split test = new Split("test", qrels(dir.resolve("qrels/test.tsv")));

        try (ArticleIndex index = new ArticleIndex(new ByteBuffersDirectory())) {
            long indexing = System.nanoTime();
            for (IndexedArticle article : articles) {
                index.index(article);
            }
            index.commit();
            index.refresh();
            System.out.printf(Locale.ROOT, "%d documents indexed in %.2f s%n", index.documentCount(),
                    seconds(indexing));
            for (Split split : List.of(train, test)) {
                long searching = System.nanoTime();
                Score score = evaluate(index, queries, split);
                System.out.printf(Locale.ROOT,
                        "%-5s nDCG@10 %.4f  R@100 %.4f  (%d queries, %d relaxed to any word, %.1f ms/query)%n",
                        split.name(), score.ndcg10(), score.recall100(), score.queries(), score.relaxed(),
                        seconds(searching) * 1000 / score.queries() / 2);
            }
        }
    }

    private static Score evaluate(ArticleIndex index, Map<String, String> queries, Split split)
            throws IOException {
        double ndcg = 0;
        double recalled = 0;
        int relaxed = 0;
        for (Map.Entry<String, Map<String, Integer>> judged : split.qrels().entrySet()) {
            String text = queries.get(judged.getKey());
            SearchResult result = index.search(new SearchQuery(text, null, 1, 10, SearchQuery.Sort.RELEVANCE));
            ndcg += ndcg10(result.hits(), judged.getValue());
            relaxed += result.relaxed() ? 1 : 0;
            SearchResult hundred = index.search(new SearchQuery(text, null, 1, 100, SearchQuery.Sort.RELEVANCE));
            long found = hundred.hits().stream().filter(h -> judged.getValue().getOrDefault(h.slug(), 0) > 0)
                    .count();
            long relevant = judged.getValue().values().stream().filter(g -> g > 0).count();
            recalled += relevant == 0 ? 0 : (double) found / relevant;
        }
        int n = split.qrels().size();
        return new Score(ndcg / n, recalled / n, relaxed, n);
    }

    /** trec_eval's ndcg_cut.10: gain = grade, discount log2(rank + 1), ideal from all judged documents. */
    static double ndcg10(List<SearchHit> hits, Map<String, Integer> grades) {
        double dcg = 0;
        for (int rank = 1; rank <= Math.min(10, hits.size()); rank++) {
            dcg += grades.getOrDefault(hits.get(rank - 1).slug(), 0) / log2(rank + 1);
        }
        List<Integer> ideal = grades.values().stream().sorted((a, b) -> b - a).toList();
        double idcg = 0;
        for (int rank = 1; rank <= Math.min(10, ideal.size()); rank++) {
            idcg += ideal.get(rank - 1) / log2(rank + 1);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static List<IndexedArticle> articles(Path corpus) throws IOException {
        MarkdownRenderer renderer = new MarkdownRenderer();
        List<IndexedArticle> articles = new ArrayList<>();
        for (Map<String, Object> line : JsonLines.read(corpus)) {
            articles.add(new IndexedArticle((String) line.get("_id"), (String) line.get("title"), List.of(), "",
                    renderer.plainText((String) line.get("text")), List.of(), "", PUBLISHED, true));
        }
        return articles;
    }

    private static Map<String, Map<String, Integer>> qrels(Path tsv) throws IOException {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t");
            qrels.computeIfAbsent(columns[0], k -> new LinkedHashMap<>())
                    .put(columns[1], Integer.parseInt(columns[2].strip()));
        }
        return qrels;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
