package dossier.site.control;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a step before the JVM's own handling of SIGTERM (its shutdown hooks, which stop the server). The step runs
 * once; the signal then goes on to the handler that was there before (so steps installed later run first). Where signals cannot be handled (another
 * JVM, a second deployment in the same one), the node stops as it did before, and says so once.
 */
public final class StopSignal {

    private static final Logger LOG = Logger.getLogger(StopSignal.class.getName());

    private StopSignal() {
    }

    /** Runs {@code beforeStopping} at SIGTERM before the steps installed earlier and before the shutdown hooks. */
    public static void install(Runnable beforeStopping) {
        try {
            sun.misc.Signal term = new sun.misc.Signal("TERM");
            sun.misc.SignalHandler[] previous = new sun.misc.SignalHandler[1];
            previous[0] = sun.misc.Signal.handle(term, signal -> {
                try {
                    beforeStopping.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "The step before stopping failed", e);
                } finally {
                    // Another TERM now stops at once; this one goes on to the JVM's handler (the shutdown hooks).
                    sun.misc.Signal.handle(term, previous[0]);
                    previous[0].handle(signal);
                }
            });
        } catch (IllegalArgumentException | LinkageError e) {
            LOG.log(Level.INFO, "SIGTERM cannot be handled here; a stopping node will not drain its requests first", e);
        }
    }
}
