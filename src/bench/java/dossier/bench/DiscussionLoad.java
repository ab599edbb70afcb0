package dossier.bench;

import dossier.testing.Browser;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark, not a test: comments accepted per second through the JSON API with 16 concurrent clients, and
 * logins per second (the price of PBKDF2 at 600,000 iterations). Run against a server started with an
 * administrator account (editors are not rate-limited):
 * <pre>
 * mvn -Pbench test-compile exec:java -Dexec.mainClass=dossier.bench.DiscussionLoad \
 *     -Dexec.args="http://localhost:8080 admin-name admin-password article-slug [seconds]"
 * </pre>
 */
public final class DiscussionLoad {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String admin = args[1];
        String password = args[2];
        String slug = args[3];
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 15;

        Browser chief = new Browser(base);
        if (chief.logIn(admin, password).statusCode() != 303) {
            throw new IllegalStateException("cannot log in as " + admin);
        }
        chief.get("/articles/" + slug);
        report("comments", 16, seconds, () -> chief.json("POST", "/api/articles/" + slug + "/comments",
                "{\"body\":\"load " + UUID.randomUUID() + "\"}", true).statusCode() == 201);

        String user = "bench" + UUID.randomUUID().toString().substring(0, 6);
        new Browser(base).register(user, "bench-password-long");
        report("logins", 4, seconds, () -> {
            Browser b = new Browser(base);
            return b.logIn(user, "bench-password-long").statusCode() == 303;
        });
    }

    interface Call {
        boolean run() throws Exception;
    }

    private static void report(String what, int clients, int seconds, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    if (call.run()) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        long p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1_000_000;
        long p99 = sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.99)) / 1_000_000;
        System.out.printf(Locale.ROOT, "%s: %d ok, %d failed in %.1f s with %d clients = %.1f per second (p50 %d ms, p99 %d ms)%n",
                what, ok.get(), failed.get(), elapsed, clients, ok.get() / elapsed, p50, p99);
    }

    private DiscussionLoad() {
    }
}
