package dossier.account.boundary;

import dossier.site.control.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Logins through the form, counted by outcome at {@code /metrics} as {@code dossier_logins_total{outcome=…}}:
 * {@code succeeded}, {@code failed} (a wrong name or password) and {@code throttled}
 * (refused with 429 before the password was looked at, see {@link LoginThrottle}), and {@code unavailable} (the
 * directory that should check the password could not be reached). A sign-in through an outside provider that
 * begins a session counts as {@code succeeded}.
 */
@ApplicationScoped
public class Logins {

    private Counter succeeded = Metrics.unregistered();
    private Counter failed = Metrics.unregistered();
    private Counter throttled = Metrics.unregistered();
    private Counter unavailable = Metrics.unregistered();

    void register(@Observes @Initialized(ApplicationScoped.class) Object start, MetricRegistry registry) {
        String description = "Logins through the form, by outcome";
        succeeded = Metrics.counter(registry, "dossier_logins", description, new Tag("outcome", "succeeded"));
        failed = Metrics.counter(registry, "dossier_logins", description, new Tag("outcome", "failed"));
        throttled = Metrics.counter(registry, "dossier_logins", description, new Tag("outcome", "throttled"));
        unavailable = Metrics.counter(registry, "dossier_logins", description, new Tag("outcome", "unavailable"));
    }

    void succeeded() {
        succeeded.inc();
    }

    void failed() {
        failed.inc();
    }

    void throttled() {
        throttled.inc();
    }

    void unavailable() {
        unavailable.inc();
    }
}
