package dossier.site.boundary;

import dossier.site.control.Drain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready once the node has begun to stop (it answers nothing new; see {@link Drain}). */
@Readiness
@ApplicationScoped
public class StoppingHealth implements HealthCheck {

    @Inject
    Drain drain;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("accepting-requests").status(!drain.isDraining()).build();
    }
}
