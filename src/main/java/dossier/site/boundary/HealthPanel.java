package dossier.site.boundary;

import dossier.site.control.AdminPanel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.List;

/** The overview's health: what the readiness check says (the same as {@code /health/ready}). */
@ApplicationScoped
public class HealthPanel implements AdminPanel {

    @Inject
    DatabaseHealth database;

    @Override
    public int order() {
        return 0;
    }

    @Override
    public State state() {
        HealthCheckResponse check = database.call();
        boolean up = check.getStatus() == HealthCheckResponse.Status.UP;
        return new State("Health", "/health/ready", List.of("database " + (up ? "answers" : "does not answer"),
                "Java " + Runtime.version().feature() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB of heap at most"),
                up ? "" : "The database does not answer: " + check.getData().map(d -> String.valueOf(d.get("error"))).orElse("?"));
    }
}
