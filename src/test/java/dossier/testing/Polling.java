package dossier.testing;

import java.time.Duration;

/**
 * Waiting for what a server does in its own time (indexing after a commit, a scheduled publication, a boot):
 * the check runs at once and then every 50 ms, so a test waits no longer than the server needs, and a fixed
 * sleep never has to guess.
 */
public final class Polling {

    static final Duration INTERVAL = Duration.ofMillis(50);

    /** A condition on the server; it may throw, which ends the wait with that failure. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    private Polling() {
    }

    /** True as soon as the check holds, false if it still does not once {@code limit} has passed. */
    public static boolean eventually(Duration limit, Check check) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            if (check.holds()) {
                return true;
            }
            if (System.nanoTime() - end > 0) {
                return false;
            }
            Thread.sleep(INTERVAL.toMillis());
        }
    }
}
