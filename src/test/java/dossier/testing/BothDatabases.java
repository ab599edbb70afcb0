package dossier.testing;

import dossier.site.control.DatabaseSchema;
import jakarta.persistence.EntityManagerFactory;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.stream.Stream;

/**
 * The same persistence unit on a fresh in-memory H2 and on a fresh database of the tests' throwaway PostgreSQL
 * cluster, both migrated by Flyway: for tests that must hold on the embedded default and on production alike.
 */
public final class BothDatabases implements AutoCloseable {

    /** One of the two, named for the test report. */
    public record Database(String name, EntityManagerFactory emf) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final Database h2;
    private final Database pg;

    private BothDatabases(Database h2, Database pg) {
        this.h2 = h2;
        this.pg = pg;
    }

    public static BothDatabases start() throws Exception {
        Database h2 = new Database("H2", Databases.open(Databases.freshH2()));
        PostgresCluster postgres = PostgresCluster.shared();
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(postgres.jdbcUrl(postgres.newDatabase()));
        source.setUser("postgres");
        DatabaseSchema.migrate(source);
        return new BothDatabases(h2, new Database("PostgreSQL", Databases.open(source)));
    }

    public Stream<Database> stream() {
        return Stream.of(h2, pg);
    }

    @Override
    public void close() throws Exception {
        h2.emf().close();
        pg.emf().close();
    }
}
