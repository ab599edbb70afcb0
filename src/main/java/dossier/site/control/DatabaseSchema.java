package dossier.site.control;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Brings the database schema up to date with Flyway before anything else touches the database.
 * The migrations under {@code db/migration} are written once for H2 and PostgreSQL alike.
 */
@ApplicationScoped
public class DatabaseSchema {

    /** Start-up observers that need the schema run at this priority or later. */
    public static final int AFTER_MIGRATION = 2000;
    /** Start-up work that must be done before anything opens the database (putting a backup back) runs here. */
    public static final int BEFORE_MIGRATION = 500;
    static final int MIGRATION = 1000;
    private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

    @Resource(lookup = "java:app/jdbc/dossier")
    DataSource dataSource;

    void onStart(@Observes @Priority(MIGRATION) @Initialized(ApplicationScoped.class) Object event) {
        MigrateResult result = migrate(dataSource);
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " ("
                + result.migrationsExecuted + " migrations applied now, " + result.database + ")");
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(DatabaseSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
