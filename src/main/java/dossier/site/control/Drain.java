package dossier.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stops a node without failing a request. On SIGTERM (what {@code docker stop}, Kubernetes and systemd send) the
 * node first stops taking requests ({@link #enter()} refuses them, and the gate answers 503 before the application
 * sees them), waits until the requests it had taken are answered (at most {@code dossier.shutdown.drain-seconds}),
 * then closes its HTTP listener, and only then lets the server stop as before. A proxy in front sends a refused
 * request to another node: a 503 from this gate means nothing was done, and a closed port means nothing was sent
 * (see {@code docker/nginx.conf}). Without the drain the server would undeploy the application first and answer
 * 500 for as long as that takes, to requests that a proxy must not send twice.
 *
 * <p>The starting side is the server's command files: {@code src/main/payara/preboot.asadmin} keeps the listener
 * closed until the application is deployed and {@code postdeploy.asadmin} opens it.
 */
@ApplicationScoped
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class.getName());

    /** How long no request may have come before the port closes: the proxy has taken the node out by then. */
    static final Duration QUIET = Duration.ofMillis(300);
    /** The longest wait for that quiet, for clients that keep coming straight to this node. */
    static final Duration MOST_QUIET_WAIT = Duration.ofSeconds(3);

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastArrival = System.nanoTime();
    private final Object answered = new Object();
    private volatile boolean draining;

    @Inject
    @ConfigProperty(name = "dossier.shutdown.drain-seconds", defaultValue = "10")
    int drainSeconds;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        StopSignal.install(this::stop);
    }

    /**
     * A request begins, and {@link #leave()} must follow once it is answered: {@code false} when the node is
     * stopping, and then the request must only be refused (a refusal being written counts as in flight too, so the
     * port does not close under it).
     */
    public boolean enter() {
        inFlight.incrementAndGet();
        if (draining) {
            lastArrival = System.nanoTime();
            return false;
        }
        return true;
    }

    /** A request that {@link #enter() entered} has been answered. */
    public void leave() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            synchronized (answered) {
                answered.notifyAll();
            }
        }
    }

    private void awaitAnswered(long deadline) {
        synchronized (answered) {
            long left;
            while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    answered.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public boolean isDraining() {
        return draining;
    }

    /**
     * Stops taking requests, waits for those taken, then for a moment without new ones (a proxy takes the node out
     * at its first 503: a request it sent just before could otherwise meet the port closing), closes the listener.
     */
    void stop() {
        lastArrival = System.nanoTime();
        draining = true;
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.max(0, Math.min(drainSeconds, 300))).toNanos();
        awaitAnswered(deadline);
        long quietDeadline = Math.min(deadline, System.nanoTime() + MOST_QUIET_WAIT.toNanos());
        while (System.nanoTime() - lastArrival < QUIET.toNanos() && System.nanoTime() < quietDeadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        awaitAnswered(deadline);
        int unanswered = inFlight.get();
        if (unanswered > 0) {
            LOG.warning(() -> unanswered + " requests were still running after " + drainSeconds + " s; the node stops anyway");
        }
        try {
            ServerListeners.close();
            LOG.info("Stopping: requests answered, HTTP listener closed");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not close the HTTP listener before stopping: requests may fail while the server stops", e);
        }
    }
}
