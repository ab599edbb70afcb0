package dossier;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Map;

/**
 * The JAX-RS application, serving every page and API at the root of the site. The data source is defined
 * here, by the application, with settings from MicroProfile Config: an H2 file under the data folder by
 * default, PostgreSQL when the environment says so, with no rebuild.
 */
@ApplicationPath("/")
@DataSourceDefinition(
        name = "java:app/jdbc/dossier",
        className = "${MPCONFIG=dossier.db.driver}",
        url = "${MPCONFIG=dossier.db.url}",
        user = "${MPCONFIG=dossier.db.user}",
        password = "${MPCONFIG=dossier.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        // A database not reachable yet (PostgreSQL still starting, or an embedded H2 file still held by a process
        // that is stopping) is tried again once a second for a minute instead of failing the start.
        properties = {
            "fish.payara.connection-creation-retry-attempts=60",
            "fish.payara.connection-creation-retry-interval-in-seconds=1"
        })
public class DossierApplication extends Application {

    /**
     * Jersey's own gzip and deflate encoders for HTML, CSS, JavaScript, feeds and JSON, when the client accepts
     * them (named here, in addition to the scanned resources, so the WAR needs no Jersey dependency). And a
     * relative {@code Location} (every redirect of the site) is sent as it is written: Jersey would otherwise make
     * it absolute with the host the client named in its {@code Host} header, which anyone can write.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames", String.join(",",
                "org.glassfish.jersey.server.filter.EncodingFilter",
                "org.glassfish.jersey.message.GZipEncoder",
                "org.glassfish.jersey.message.DeflateEncoder"),
                "jersey.config.server.headers.location.relative.resolution.disabled", true);
    }
}
