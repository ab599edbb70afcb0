package dossier.site.boundary;

import dossier.site.control.AdminPanel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.ArrayList;
import java.util.List;

/** The overview's health: what the readiness checks say (the same as {@code /health/ready}), and the JVM's means. */
@ApplicationScoped
public class HealthPanel implements AdminPanel {

    @Inject
    @Readiness
    Instance<HealthCheck> checks;

    @Override
    public int order() {
        return 0;
    }

    @Override
    public State state() {
        List<String> facts = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (HealthCheck check : checks) {
            HealthCheckResponse answer = check.call();
            boolean up = answer.getStatus() == HealthCheckResponse.Status.UP;
            facts.add(answer.getName() + ": " + (up ? "up" : "down"));
            if (!up) {
                down.add(answer.getName() + " is down" + answer.getData().map(d -> d.get("error"))
                        .map(e -> " (" + e + ")").orElse(""));
            }
        }
        facts.add("Java " + Runtime.version().feature() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB of heap at most");
        return new State("Health", "/health/ready", facts, String.join("; ", down));
    }
}
