package dossier.site.control;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * The line an operator looks for at start: where readers reach the site, where its data lives and which database
 * it uses (its address without credentials). Written once everything that runs at start has run.
 */
@ApplicationScoped
public class StartupBanner {

    /** After the migration, the first administrator, the content import and the search index. */
    static final int LAST = DatabaseSchema.AFTER_MIGRATION + 1000;
    private static final Logger LOG = Logger.getLogger(StartupBanner.class.getName());

    @Resource(lookup = "java:app/jdbc/dossier")
    DataSource dataSource;

    @Inject
    SiteAddress site;

    @Inject
    @ConfigProperty(name = "dossier.data.dir", defaultValue = "./data")
    String dataDir;

    void onStart(@Observes @Priority(LAST) @Initialized(ApplicationScoped.class) Object event) {
        LOG.info(() -> "Dossier is ready at " + site.origin() + "/ (data in " + Path.of(dataDir).toAbsolutePath().normalize()
                + ", database " + database() + ")");
    }

    private String database() {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion().replaceAll(" .*", "") + " at "
                    + withoutCredentials(meta.getURL());
        } catch (SQLException e) {
            return "unreachable (" + e.getMessage() + ")";
        }
    }

    /** A JDBC address as it may be shown: without a password or user given in it. */
    static String withoutCredentials(String url) {
        return url == null ? "?" : url.replaceAll("(?i)([;?&](password|user)=)[^;&]*", "$1***").replaceAll("//[^/@]*@", "//***@");
    }
}
