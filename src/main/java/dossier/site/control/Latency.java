package dossier.site.control;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long something took, as a Prometheus histogram made of counters, per combination of labels: {@code <name>_total}
 * (how many), {@code <name>_seconds_total} (their time together) and {@code <name>_seconds_bucket_total{le="…"}}
 * (how many took at most {@code le} seconds, cumulative, {@code le="+Inf"} included), so that
 * {@code histogram_quantile(0.95, sum by (le) (rate(<name>_seconds_bucket_total[5m])))} reads a percentile across
 * nodes and over any window.
 *
 * <p>Why not the platform's {@code Timer}: Payara 6.2025.10 serves a timer's {@code _bucket} lines counted over its
 * sample of the last 1,028 values, not over every value (after 3,001 requests of 1 ms each, {@code le="0.005"} said
 * 1,028 and {@code le="+Inf"} 3,001), and its quantiles in nanoseconds under a {@code _seconds} name. Counters are
 * exact and cost no sample per series.
 *
 * <p>The label values must come from a bounded set (route templates, status classes), never from what a client
 * sends: every combination is a series kept for the life of the server.
 */
public final class Latency {

    /** Upper bounds of the buckets, in seconds: from a page served from memory to a request that timed out. */
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final String[] LE = Arrays.stream(BOUNDS).mapToObj(Latency::le).toArray(String[]::new);

    private final MetricRegistry registry;
    private final String name;
    private final String description;
    private final String[] labels;
    private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

    private record Series(Counter count, Counter nanos, Counter[] buckets) {
    }

    private Latency(MetricRegistry registry, String name, String description, String... labels) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.labels = labels.clone();
    }

    /** A histogram in this registry, under these label names (values given with each {@link #record}). */
    public static Latency in(MetricRegistry registry, String name, String description, String... labels) {
        return new Latency(registry, name, description, labels);
    }

    /** A histogram served nowhere: what a bean records into until it is given the registry's. */
    public static Latency unregistered(String name, String... labels) {
        return new Latency(null, name, "", labels);
    }

    /** One more, that took this many nanoseconds, under these label values (as many as label names, in order). */
    public void record(long nanos, String... values) {
        Series s = series(values);
        s.count().inc();
        s.nanos().inc(Math.max(0, nanos));
        double seconds = nanos / 1e9;
        Counter[] buckets = s.buckets();
        for (int i = BOUNDS.length - 1; i >= 0 && seconds <= BOUNDS[i]; i--) {
            buckets[i].inc();
        }
        buckets[BOUNDS.length].inc();
    }

    /** Makes the series of these label values exist, at zero, before anything is recorded under them. */
    public void declare(String... values) {
        series(values);
    }

    /** How many were recorded under these label values (for tests and the log). */
    public long count(String... values) {
        Series s = series.get(List.of(values));
        return s == null ? 0 : s.count().getCount();
    }

    /** How many of them took at most {@code bound} seconds (one of {@link #BOUNDS}). */
    long within(double bound, String... values) {
        Series s = series.get(List.of(values));
        int i = Arrays.binarySearch(BOUNDS, bound);
        return s == null || i < 0 ? 0 : s.buckets()[i].getCount();
    }

    private Series series(String... values) {
        if (values.length != labels.length) {
            throw new IllegalArgumentException(name + " takes the labels " + Arrays.toString(labels));
        }
        List<String> key = List.of(values);
        Series s = series.get(key);
        return s != null ? s : series.computeIfAbsent(key, this::register);
    }

    private Series register(List<String> values) {
        Tag[] tags = new Tag[labels.length];
        for (int i = 0; i < labels.length; i++) {
            tags[i] = new Tag(labels[i], values.get(i));
        }
        Counter[] buckets = new Counter[BOUNDS.length + 1];
        if (registry == null) {
            Arrays.setAll(buckets, i -> Metrics.unregistered());
            return new Series(Metrics.unregistered(), Metrics.unregistered(), buckets);
        }
        for (int i = 0; i <= BOUNDS.length; i++) {
            buckets[i] = Metrics.counter(registry, name + "_seconds_bucket", description + " (how many took at most le seconds)",
                    with(tags, new Tag("le", i < BOUNDS.length ? LE[i] : "+Inf")));
        }
        return new Series(Metrics.counter(registry, name, description + " (how many)", tags),
                Metrics.nanoseconds(registry, name + "_seconds_total", description + " (their time together)", tags),
                buckets);
    }

    private static Tag[] with(Tag[] tags, Tag more) {
        List<Tag> all = new ArrayList<>(List.of(tags));
        all.add(more);
        return all.toArray(Tag[]::new);
    }

    /** A bound as Prometheus clients write it: {@code 0.005}, {@code 1}, {@code 2.5}. */
    private static String le(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}
