package dossier.testing;

import dossier.site.control.DatabaseSchema;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The real persistence unit outside the container: Flyway's migrations, then EclipseLink on a given data source. */
public final class Databases {

    private Databases() {
    }

    /** A fresh in-memory H2 database, migrated. */
    public static DataSource freshH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:dossier-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("dossier");
        ds.setPassword("dossier");
        DatabaseSchema.migrate(ds);
        return ds;
    }

    /** The 'dossier' unit as RESOURCE_LOCAL on this (already migrated) data source. */
    public static EntityManagerFactory open(DataSource dataSource) {
        Map<String, Object> props = new HashMap<>();
        props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("jakarta.persistence.jtaDataSource", null);
        props.put("jakarta.persistence.nonJtaDataSource", dataSource);
        props.put("eclipselink.logging.level", "WARNING");
        return Persistence.createEntityManagerFactory("dossier", props);
    }
}
