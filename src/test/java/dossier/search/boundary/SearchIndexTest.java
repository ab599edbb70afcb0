package dossier.search.boundary;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The index's scheduled tasks outlive any failure of one run, as the follower must. */
class SearchIndexTest {

    @Test
    void aScheduledTaskRunsAgainAfterARunThatThrewAnError() throws InterruptedException {
        ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch fourRuns = new CountDownLatch(4);
        try {
            scheduler.scheduleWithFixedDelay(() -> SearchIndex.survive("test", () -> {
                fourRuns.countDown();
                switch (runs.incrementAndGet()) {
                    case 1 -> throw new StackOverflowError("rendering a deep comment");
                    case 2 -> throw new IllegalStateException("a bad document");
                    case 3 -> throw new NoClassDefFoundError("a linkage failure");
                    default -> { }
                }
            }), 0, 5, TimeUnit.MILLISECONDS);
            assertTrue(fourRuns.await(10, TimeUnit.SECONDS), "ran " + runs.get() + " times");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aFailingJvmIsNotHidden() {
        assertThrows(OutOfMemoryError.class, () -> SearchIndex.survive("test", () -> {
            throw new OutOfMemoryError("test");
        }));
    }
}
