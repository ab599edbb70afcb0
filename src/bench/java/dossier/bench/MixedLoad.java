package dossier.bench;

import dossier.testing.Browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounded load, not a test: 100 readers (article, home page, search, in turn) and 20 commenters posting
 * through the JSON API at once for a minute, then a count of errors and of acknowledged comments missing
 * from the stored thread. Commenters use editor sessions (readers are limited to five comments a minute):
 * <pre>
 * mvn -Pbench test-compile exec:java -Dexec.mainClass=dossier.bench.MixedLoad \
 *     -Dexec.args="http://localhost:8080 admin-name admin-password [seconds] [readers] [commenters]"
 * </pre>
 */
public final class MixedLoad {

    private static final Logger LOG = Logger.getLogger(MixedLoad.class.getName());
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        int readers = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        int commenters = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        String slug = "discussion-load";
        List<String> pages = List.of("/articles/open-weights-release-delays", "/", "/search?q=deployment", "/llm-onpremise");

        List<Browser> writers = new ArrayList<>();
        for (int i = 0; i < commenters; i++) {
            Browser b = new Browser(base);
            if (b.logIn(args[1], args[2]).statusCode() != 303) {
                throw new IllegalStateException("cannot log in as " + args[1]);
            }
            b.get("/articles/" + slug);
            writers.add(b);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        AtomicLong readErrors = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicLong postErrors = new AtomicLong();
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(readers + commenters);
        for (int r = 0; r < readers; r++) {
            int offset = r;
            pool.submit(() -> {
                for (int n = offset; running.get(); n++) {
                    try {
                        HttpResponse<Void> page = http.send(HttpRequest.newBuilder(base.resolve(pages.get(n % pages.size())))
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                        reads.incrementAndGet();
                        if (page.statusCode() != 200) {
                            readErrors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        reads.incrementAndGet();
                        readErrors.incrementAndGet();
                    }
                }
                return null;
            });
        }
        for (Browser w : writers) {
            pool.submit(() -> {
                while (running.get()) {
                    sent.incrementAndGet();
                    try {
                        HttpResponse<String> r = w.json("POST", "/api/articles/" + slug + "/comments",
                                "{\"body\":\"mixed load " + sent.get() + "\"}", true);
                        Matcher m = ID.matcher(r.body());
                        if (r.statusCode() == 201 && m.find()) {
                            acknowledged.add(Long.parseLong(m.group(1)));
                        } else {
                            postErrors.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        postErrors.incrementAndGet();
                    }
                }
                return null;
            });
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);

        String thread = http.send(HttpRequest.newBuilder(base.resolve("/api/articles/" + slug + "/comments")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Set<Long> stored = ConcurrentHashMap.newKeySet();
        Matcher m = ID.matcher(thread);
        while (m.find()) {
            stored.add(Long.parseLong(m.group(1)));
        }
        long lost = acknowledged.stream().filter(id -> !stored.contains(id)).count();
        LOG.info(() -> String.format(java.util.Locale.ROOT,
                "%d readers and %d commenters for %d s: %d page requests (%.0f/s), %d errors; %d comments sent, %d acknowledged"
                        + " (%.0f/s), %d refused or failed, %d acknowledged but not stored",
                readers, commenters, seconds, reads.get(), reads.get() / (double) seconds, readErrors.get(), sent.get(),
                acknowledged.size(), acknowledged.size() / (double) seconds, postErrors.get(), lost));
    }
}
