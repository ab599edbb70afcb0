package dossier.backup.boundary;

import dossier.account.entity.Account;
import dossier.article.entity.Article;
import dossier.article.entity.Body;
import dossier.article.entity.Outline;
import dossier.backup.control.BackupFolder;
import dossier.backup.control.H2Database;
import dossier.backup.control.Restore;
import dossier.comment.entity.Comment;
import dossier.media.control.MediaSamples;
import dossier.media.control.MediaStore;
import dossier.media.entity.Media;
import dossier.media.entity.MediaKind;
import dossier.site.control.DatabaseSchema;
import dossier.testing.Databases;
import dossier.testing.PostgresCluster;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup restored holds the same articles, comments, accounts and uploads: H2 through the site's own archive
 * (the database and the uploaded files) and restore, PostgreSQL through the documented pg_dump / pg_restore
 * procedure.
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

    /** A site's backups on its data folder and database, as the container would wire them. */
    private static Backups backups(Path data, JdbcDataSource db, EntityManager em) {
        Backups backups = new Backups();
        backups.dataSource = db;
        backups.audit = dossier.audit.boundary.AuditLogs.on(em);
        backups.self = backups;
        backups.dataDir = data.toString();
        backups.dbUrl = db.getURL();
        return backups;
    }

    /** Stores a file as an upload does: on disk, then its row. */
    private static String upload(EntityManagerFactory emf, Path data, byte[] bytes) throws IOException {
        MediaStore store = new MediaStore(data.resolve(MediaStore.FOLDER));
        String name;
        Media media;
        try (MediaStore.Incoming incoming = store.receive(new ByteArrayInputStream(bytes), 1 << 20)) {
            name = store.keep(incoming, MediaKind.PNG);
            media = new Media(incoming.hash(), MediaKind.PNG, incoming.size(), "picture.png", "alice", Instant.now());
        }
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        em.persist(media);
        em.getTransaction().commit();
        em.close();
        return name;
    }

    private static List<String> media(EntityManagerFactory emf) {
        EntityManager em = emf.createEntityManager();
        try {
            return em.createQuery("select m from Media m order by m.hash", Media.class).getResultList().stream()
                    .map(m -> m.fileName() + "|" + m.sizeBytes() + "|" + m.originalName()).toList();
        } finally {
            em.close();
        }
    }

    @Test
    void aBackupRestoredBringsBackTheDatabaseAndTheUploads(@TempDir Path data) throws Exception {
        JdbcDataSource source = h2File(data);
        DatabaseSchema.migrate(source);
        EntityManagerFactory emf = Databases.open(source);
        Contents before;
        List<String> mediaBefore;
        byte[] picture = MediaSamples.png();
        String pictureName;
        byte[] later = MediaSamples.unique(MediaSamples.png());
        String laterName;
        BackupFolder.Archive archive;
        try {
            fill(emf);
            pictureName = upload(emf, data, picture);
            before = contents(emf);
            mediaBefore = media(emf);
            EntityManager em = emf.createEntityManager();
            em.getTransaction().begin();
            archive = backups(data, source, em).backUp("chief");
            em.getTransaction().commit();
            em.close();

            // Life goes on after the backup: another article, another upload.
            EntityManager after = emf.createEntityManager();
            after.getTransaction().begin();
            Instant now = Instant.now();
            Article newer = new Article("written-after-the-backup", now);
            newer.write("Later", "Later.", new Body("<p>Later.</p>", List.of(), "Later.", 1), now);
            after.persist(newer);
            after.getTransaction().commit();
            after.close();
            laterName = upload(emf, data, later);
            assertEquals(2, media(emf).size());
        } finally {
            emf.close();
        }
        // Then the uploads folder is lost; the search index is there, built from the newer data.
        deleteTree(data.resolve(MediaStore.FOLDER));
        Files.createDirectories(data.resolve("index"));
        Files.writeString(data.resolve("index/segments_1"), "an index of the newer data");

        Files.writeString(data.resolve(Restore.REQUEST), "backups/" + archive.name() + "\n");
        Restore restore = new Restore(data, new MediaStore(data.resolve(MediaStore.FOLDER)));
        Restore.Done done;
        try (java.sql.Connection pooled = source.getConnection()) { // the database is open, as the server holds it
            done = restore.run(restore.requested().orElseThrow(), Instant.now(), new H2Database(source));
            assertTrue(pooled.isValid(1));
        }

        EntityManagerFactory back = Databases.open(source);
        try {
            assertEquals(before, contents(back), "the rows of the backup, and none written after it");
            assertEquals(mediaBefore, media(back));
            assertEquals(3, before.comments().size() + before.accounts().size(), "the test data is there to compare");
        } finally {
            back.close();
        }
        MediaStore store = new MediaStore(data.resolve(MediaStore.FOLDER));
        assertArrayEquals(picture, Files.readAllBytes(store.find(pictureName).orElseThrow()), "the upload, byte for byte");
        assertTrue(store.find(laterName).isEmpty(), "the upload made after the backup is not in it");
        assertEquals(1, done.mediaFiles());
        assertFalse(Files.exists(data.resolve("index")), "the search index of the newer data is gone, to be rebuilt");
        assertFalse(Files.exists(data.resolve(Restore.REQUEST)), "done once, not at every start");
        assertTrue(restore.requested().isEmpty());

        // The database it replaced was saved first, and a restore of that undoes the restore.
        restore.run(done.previous().path(), Instant.now(), new H2Database(source));
        EntityManagerFactory undone = Databases.open(source);
        try {
            assertTrue(contents(undone).articles().stream().anyMatch(a -> a.startsWith("written-after-the-backup|")));
            assertEquals(2, media(undone).size());
        } finally {
            undone.close();
        }
    }

    @Test
    void aDamagedArchiveIsRefusedAndTheLiveDatabaseStays(@TempDir Path data) throws Exception {
        JdbcDataSource source = h2File(data);
        DatabaseSchema.migrate(source);
        EntityManagerFactory emf = Databases.open(source);
        BackupFolder.Archive archive;
        Contents before;
        try {
            fill(emf);
            before = contents(emf);
            EntityManager em = emf.createEntityManager();
            em.getTransaction().begin();
            archive = backups(data, source, em).backUp("chief");
            em.getTransaction().commit();
            em.close();
        } finally {
            emf.close();
        }
        Path cut = data.resolve("backups/cut-short.zip");
        byte[] whole = Files.readAllBytes(archive.path());
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(data.resolve(Restore.REQUEST), cut.toString());
        Restore restore = new Restore(data, new MediaStore(data.resolve("media")));

        IOException refused = assertThrows(IOException.class,
                () -> restore.run(restore.requested().orElseThrow(), Instant.now(), new H2Database(source)));
        assertTrue(refused.getMessage().contains("not a readable zip file"), refused.getMessage());
        assertTrue(Files.exists(data.resolve(Restore.REQUEST)), "the request stays until it can be done");
        EntityManagerFactory still = Databases.open(source);
        try {
            assertEquals(before, contents(still));
        } finally {
            still.close();
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

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
