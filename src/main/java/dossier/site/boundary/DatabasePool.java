package dossier.site.boundary;

import dossier.site.control.ConnectionPool;
import dossier.site.control.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.logging.Logger;

/**
 * The database connection pool at {@code /metrics} ({@link ConnectionPool}): {@code dossier_db_pool_connections}
 * in use and free, {@code dossier_db_pool_max_connections} and {@code dossier_db_pool_waiting_threads} (requests
 * waiting for a connection: the pool is exhausted). Read when scraped, from memory; -1 before the pool exists.
 */
@ApplicationScoped
public class DatabasePool {

    private static final Logger LOG = Logger.getLogger(DatabasePool.class.getName());
    /** The data source the application defines (dossier.DossierApplication). */
    static final String DATA_SOURCE = "java:app/jdbc/dossier";

    void register(@Observes @Initialized(ApplicationScoped.class) Object start, MetricRegistry registry) {
        StringBuilder why = new StringBuilder();
        Optional<ConnectionPool> found = ConnectionPool.find(DATA_SOURCE, application(), why);
        if (found.isEmpty()) {
            LOG.info(() -> "Metrics: the database pool cannot be read on this server (" + why + "); dossier_db_pool_* are not served");
            return;
        }
        ConnectionPool pool = found.get();
        gauge(registry, pool, "dossier_db_pool_connections", "Connections of the database pool, in use or free",
                ConnectionPool.Figures::inUse, new Tag("state", "in_use"));
        gauge(registry, pool, "dossier_db_pool_connections", "Connections of the database pool, in use or free",
                ConnectionPool.Figures::free, new Tag("state", "free"));
        gauge(registry, pool, "dossier_db_pool_max_connections", "The most connections the database pool opens",
                ConnectionPool.Figures::max);
        gauge(registry, pool, "dossier_db_pool_waiting_threads", "Requests waiting for a connection of the database pool",
                ConnectionPool.Figures::waiting);
    }

    private static void gauge(MetricRegistry registry, ConnectionPool pool, String name, String description,
                              ToIntFunction<ConnectionPool.Figures> figure, Tag... tags) {
        Metrics.gauge(registry, name, MetricUnits.NONE, description, () -> {
            try {
                return pool.figures().map(figure::applyAsInt).orElse(-1);
            } catch (IllegalStateException e) {
                return -1;
            }
        }, tags);
    }

    private static String application() {
        try {
            return (String) new InitialContext().lookup("java:app/AppName");
        } catch (NamingException | ClassCastException e) {
            return "";
        }
    }
}
