package dossier.backup.boundary;

import dossier.account.entity.Account;
import dossier.article.entity.Article;
import dossier.article.entity.Body;
import dossier.article.entity.Outline;
import dossier.comment.entity.Comment;
import dossier.site.control.DatabaseSchema;
import dossier.testing.Databases;
import dossier.testing.PostgresCluster;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup restored into an empty database holds the same articles, comments and accounts: H2 through the
 * site's own online backup, PostgreSQL through the documented pg_dump / pg_restore procedure.
 */
class BackupRestoreTest {

    /** What a restore must bring back, compared as plain values. */
    record Contents(List<String> articles, List<String> comments, List<String> accounts) {
    }

    private static void fill(EntityManagerFactory emf) {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Article article = new Article("backed-up", now);
        article.write("Backed up", "Some *text* — with “quotes” and ünïcode.",
                new Body("<p>Some <em>text</em></p>", List.of(new Outline.Entry(2, "a", "A")), "Some text", 2), now);
        article.schedule(dossier.article.entity.Status.PUBLISHED, now);
        em.persist(article);
        Account alice = new Account("alice", "alice@example.org", "pbkdf2-sha256$600000$c2FsdA$aGFzaA", now);
        em.persist(alice);
        Comment first = new Comment(article, null, alice, "First!", now);
        em.persist(first);
        em.flush(); // a reply names its parent by id: the parent goes first, as it does on the site
        em.persist(new Comment(article, first, alice, "A reply.", now));
        em.getTransaction().commit();
        em.close();
    }

    private static Contents contents(EntityManagerFactory emf) {
        EntityManager em = emf.createEntityManager();
        try {
            List<String> articles = em.createQuery("select a from Article a order by a.slug", Article.class).getResultList()
                    .stream().map(a -> a.slug() + "|" + a.title() + "|" + a.markdown() + "|" + a.html() + "|" + a.publishedAt()).toList();
            List<String> comments = em.createQuery("select c from Comment c order by c.id", Comment.class).getResultList()
                    .stream().map(c -> c.id() + "|" + c.markdown() + "|" + c.author().username() + "|"
                            + c.parentId()).toList();
            List<String> accounts = em.createQuery("select a from Account a order by a.username", Account.class).getResultList()
                    .stream().map(a -> a.username() + "|" + a.email() + "|" + a.passwordHash()).toList();
            return new Contents(articles, comments, accounts);
        } finally {
            em.close();
        }
    }

    private static JdbcDataSource h2File(Path folder) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + folder.resolve("db/dossier").toAbsolutePath());
        ds.setUser("dossier");
        ds.setPassword("dossier");
        return ds;
    }

    @Test
    void anH2OnlineBackupRestoresIntoAnEmptyFolder(@TempDir Path live, @TempDir Path restored) throws IOException {
        JdbcDataSource source = h2File(live);
        DatabaseSchema.migrate(source);
        EntityManagerFactory emf = Databases.open(source);
        Contents before;
        Path zip;
        try {
            fill(emf);
            before = contents(emf);
            EntityManager em = emf.createEntityManager();
            Backups backups = new Backups();
            backups.em = em;
            backups.audit = dossier.audit.boundary.AuditLogs.on(em);
            backups.dataDir = live.toString();
            backups.dbUrl = source.getURL();
            em.getTransaction().begin();
            zip = backups.backUp("chief");
            em.getTransaction().commit();
            em.close();
            assertEquals(List.of(zip), backups.existing());
        } finally {
            emf.close();
        }
        assertTrue(Files.size(zip) > 0);

        unzip(zip, restored.resolve("db"));
        EntityManagerFactory back = Databases.open(h2File(restored));
        try {
            assertEquals(before, contents(back));
            assertEquals(3, before.comments().size() + before.accounts().size(), "the test data is there to compare");
        } finally {
            back.close();
        }
    }

    @Test
    void aPgDumpRestoresIntoAnEmptyDatabase(@TempDir Path work) throws Exception {
        PostgresCluster pg = PostgresCluster.shared();
        String live = pg.newDatabase();
        {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setURL(pg.jdbcUrl(live));
            source.setUser("postgres");
            DatabaseSchema.migrate(source);
            EntityManagerFactory emf = Databases.open(source);
            Contents before;
            try {
                fill(emf);
                before = contents(emf);
            } finally {
                emf.close();
            }
            Path dump = work.resolve("dossier.dump");
            String port = String.valueOf(pg.port());
            // The README's procedure: a custom-format dump of the live database, restored into an empty one.
            run(pg.tool("pg_dump").toString(), "--format=custom", "-h", "127.0.0.1", "-p", port, "-U", "postgres",
                    "-f", dump.toString(), live);
            String restored = live + "_restored";
            run(pg.tool("createdb").toString(), "-h", "127.0.0.1", "-p", port, "-U", "postgres", restored);
            run(pg.tool("pg_restore").toString(), "--no-owner", "-h", "127.0.0.1", "-p", port, "-U", "postgres",
                    "-d", restored, dump.toString());
            PGSimpleDataSource target = new PGSimpleDataSource();
            target.setURL(pg.jdbcUrl(restored));
            target.setUser("postgres");
            EntityManagerFactory back = Databases.open(target);
            try {
                assertEquals(before, contents(back));
            } finally {
                back.close();
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }

    private static void unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into), "no entry outside the folder: " + e.getName());
                Files.copy(in, target);
            }
        }
    }
}
