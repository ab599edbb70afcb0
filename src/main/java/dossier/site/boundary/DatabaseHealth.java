package dossier.site.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready means the database answers. */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Override
    public HealthCheckResponse call() {
        try {
            Number articles = (Number) em.createNativeQuery("select count(*) from article").getSingleResult();
            return HealthCheckResponse.named("database").up().withData("articles", articles.longValue()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("database").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
