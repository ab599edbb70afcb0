package dossier.site.control;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The site's own figures at {@code /metrics}: MicroProfile Metrics in the application registry, which Payara serves
 * in Prometheus' text format beside the JVM's (every line with {@code mp_scope="application"}). Each feature
 * registers its own metrics at start-up through these few helpers, so that every series exists (at zero) before the
 * first event and a scraper sees it from the start. Names begin with {@code dossier_}; Payara appends the unit and
 * {@code _total} to a counter's name ({@code dossier_logins} is served as {@code dossier_logins_total}).
 *
 * <p>A bean that counts holds its counters in fields that start as {@link #unregistered()} ones and are replaced by
 * the registry's at start-up: a bean built with {@code new} in a unit test counts all the same, and nothing else
 * changes for it.
 */
public final class Metrics {

    private static final Logger LOG = Logger.getLogger(Metrics.class.getName());
    /** How long a figure read from the database is kept: a scrape every 15 s costs at most one query per figure. */
    public static final Duration DATABASE_FIGURES = Duration.ofSeconds(10);

    private Metrics() {
    }

    /** A counter of events (served as {@code <name>_total}). */
    public static Counter counter(MetricRegistry registry, String name, String description, Tag... tags) {
        return registry.counter(Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE)
                .build(), tags);
    }

    /**
     * A counter of time, fed in nanoseconds and served in seconds; its name must end with {@code _seconds_total}
     * (Payara scales it and keeps a name that already ends so).
     */
    public static Counter nanoseconds(MetricRegistry registry, String name, String description, Tag... tags) {
        if (!name.endsWith("_seconds_total")) {
            throw new IllegalArgumentException("a counter of seconds is named ..._seconds_total: " + name);
        }
        return registry.counter(Metadata.builder().withName(name).withDescription(description)
                .withUnit(MetricUnits.NANOSECONDS).build(), tags);
    }

    /** A value read when scraped ({@code unit} is appended to the name unless it is {@link MetricUnits#NONE}). */
    public static void gauge(MetricRegistry registry, String name, String unit, String description, Supplier<? extends Number> value,
                             Tag... tags) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(unit).build(),
                () -> value.get(), tags);
    }

    /** A counter of its own, served nowhere: what a bean counts into until the registry's counter replaces it. */
    public static Counter unregistered() {
        return new Counter() {
            private final LongAdder count = new LongAdder();

            @Override
            public void inc() {
                count.increment();
            }

            @Override
            public void inc(long n) {
                count.add(n);
            }

            @Override
            public long getCount() {
                return count.sum();
            }
        };
    }

    /**
     * Counts once the current transaction has committed (nothing when it rolls back), at once without one. Without a
     * registry (a unit test outside the server) it counts at once.
     */
    public static void afterCommit(TransactionSynchronizationRegistry transactions, Counter counter) {
        if (transactions == null || transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            counter.inc();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // counted only once the outcome is known
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    counter.inc();
                }
            }
        });
    }

    /**
     * A figure that costs a query, read at most once per {@code lifetime} however often it is asked for. When a
     * reading fails the last value stays (-1 before the first), and the failure is logged once until a reading
     * succeeds again: a scrape never fails because the database is away.
     */
    public static Supplier<Long> keptFor(Duration lifetime, String what, LongSupplier read) {
        return new Supplier<>() {
            private long value = -1;
            private long readAt;
            private boolean known;
            private boolean failing;

            @Override
            public synchronized Long get() {
                long now = System.nanoTime();
                if (!known || now - readAt >= lifetime.toNanos()) {
                    readAt = now;
                    known = true;
                    try {
                        value = read.getAsLong();
                        failing = false;
                    } catch (RuntimeException e) {
                        if (!failing) {
                            LOG.log(Level.WARNING, "Metrics: cannot read " + what + "; the last value is shown until it can", e);
                        }
                        failing = true;
                    }
                }
                return value;
            }
        };
    }
}
