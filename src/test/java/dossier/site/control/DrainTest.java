package dossier.site.control;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrainTest {

    @Test
    void aStoppingNodeRefusesNewRequestsAndWaitsForThoseItTook() throws Exception {
        Drain drain = new Drain();
        drain.drainSeconds = 30;
        assertTrue(drain.enter(), "a running node takes a request");
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(drain::stop);
        while (!drain.isDraining()) {
            Thread.onSpinWait();
        }
        assertFalse(drain.enter(), "a stopping node takes no new request");
        drain.leave();
        assertThrows(TimeoutException.class, () -> stopping.get(1, TimeUnit.SECONDS),
                "the port stays open while a request it took is being answered");
        drain.leave();
        stopping.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theWaitIsBoundedWhenARequestNeverEnds() throws Exception {
        Drain drain = new Drain();
        drain.drainSeconds = 1;
        assertTrue(drain.enter());
        long start = System.nanoTime();
        drain.stop();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= 0.9 && seconds < 5, "stopped after " + seconds + " s");
    }
}
