package dossier.media.boundary;

import dossier.account.entity.Account;
import dossier.audit.boundary.AuditLogs;
import dossier.audit.entity.AuditEntry;
import dossier.media.control.MediaKinds;
import dossier.media.control.MediaSamples;
import dossier.media.entity.Media;
import dossier.testing.BothDatabases;
import dossier.testing.BothDatabases.Database;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.ClientErrorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads through the media facade, with the Flyway migrations and the JPA mapping, on an in-memory H2 and
 * on a throwaway PostgreSQL cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaPersistenceTest {


    private static final long MAX_BYTES = 64 * 1024;
    private final Account editor = new Account("editor", "e@example.org", "x", Instant.now());
    private BothDatabases databases;

    @TempDir
    Path dataDir;

    @BeforeAll
    void start() throws Exception {
        databases = BothDatabases.start();
    }

    @AfterAll
    void stop() throws Exception {
        databases.close();
    }

    Stream<Database> databases() {
        return databases.stream();
    }

    /** Each test its own media folder, since each database starts empty only once. */
    private <T> T inTransaction(Database db, Path media, Function<Uploads, T> work) {
        EntityManager em = db.emf().createEntityManager();
        try {
            em.getTransaction().begin();
            Uploads cut = new Uploads();
            cut.em = em;
            cut.audit = AuditLogs.on(em);
            cut.self = cut;
            cut.dataDir = media.toString();
            cut.types = MediaKinds.DEFAULT;
            cut.maxBytes = MAX_BYTES;
            cut.configure();
            T result = work.apply(cut);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private Uploads.Upload upload(Database db, Path media, String name, byte[] bytes) {
        return inTransaction(db, media, u -> u.accept(editor, name, new ByteArrayInputStream(bytes)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUploadIsStoredRecordedAndAudited(Database db) throws IOException {
        Path media = Files.createTempDirectory(dataDir, db.name());
        byte[] png = MediaSamples.png();
        Uploads.Upload upload = upload(db, media, "C:\\fakepath\\Cover photo.png", png);

        assertEquals("Cover photo.png", upload.name());
        assertEquals("image/png", upload.media().mediaType());
        assertEquals(png.length, upload.media().sizeBytes());
        Uploads.Stored stored = inTransaction(db, media, u -> u.file(upload.media().fileName())).orElseThrow();
        assertArrayEquals(png, Files.readAllBytes(stored.path()));
        assertEquals("editor", stored.media().uploadedBy());
        assertEquals("Cover photo.png", stored.media().originalName());
        AuditEntry line = inTransaction(db, media, u -> u.audit.recent(1)).get(0);
        assertEquals("media.upload", line.action());
        assertEquals(upload.media().fileName(), line.target());
        assertTrue(line.detail().startsWith("Cover photo.png (image/png, "), line.detail());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theSameContentTwiceIsOneRecordAndOneFileButTwoAuditLines(Database db) throws IOException {
        Path media = Files.createTempDirectory(dataDir, db.name());
        byte[] pdf = (new String(MediaSamples.pdf()) + "% " + db.name() + "\n").getBytes();
        Uploads.Upload first = upload(db, media, "report.pdf", pdf);
        Uploads.Upload again = upload(db, media, "copy of report.pdf", pdf);

        assertEquals(first.media().fileName(), again.media().fileName());
        assertEquals("copy of report.pdf", again.name(), "this upload's name, for its link");
        assertEquals("report.pdf", again.media().originalName(), "the record keeps the first");
        assertEquals("[copy of report.pdf](" + first.media().url() + ")", again.media().markdown(again.name()));
        try (Stream<Path> files = Files.walk(media)) {
            assertEquals(1, files.filter(Files::isRegularFile).count());
        }
        long lines = inTransaction(db, media, u -> u.audit.recent(50)).stream()
                .filter(e -> e.target().equals(first.media().fileName())).count();
        assertEquals(2, lines);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFileOfTheWrongKindOrSizeLeavesNoTrace(Database db) throws IOException {
        Path media = Files.createTempDirectory(dataDir, db.name());
        ClientErrorException page = assertThrows(ClientErrorException.class, () -> upload(db, media, "x.png", MediaSamples.html()));
        assertEquals(415, page.getResponse().getStatus());
        assertTrue(page.getMessage().contains("PNG, JPEG, GIF or WebP images, or PDF documents"));
        assertEquals(415, assertThrows(ClientErrorException.class, () -> upload(db, media, "empty.png", new byte[0]))
                .getResponse().getStatus());

        byte[] big = new byte[(int) MAX_BYTES + 1];
        System.arraycopy(MediaSamples.png(), 0, big, 0, 8);
        ClientErrorException large = assertThrows(ClientErrorException.class, () -> upload(db, media, "big.png", big));
        assertEquals(413, large.getResponse().getStatus());
        assertTrue(large.getMessage().contains("larger than 64 KB"), large.getMessage());
        byte[] exactly = java.util.Arrays.copyOf(big, (int) MAX_BYTES);
        assertEquals(MAX_BYTES, upload(db, media, "exactly.png", exactly).media().sizeBytes(), "the limit itself is allowed");

        try (Stream<Path> files = Files.walk(media)) {
            assertEquals(1, files.filter(Files::isRegularFile).count(), "only the file that was taken");
        }
        List<Media> all = inTransaction(db, media, u -> u.em.createQuery("select m from Media m", Media.class).getResultList());
        assertTrue(all.stream().noneMatch(m -> m.sizeBytes() == MAX_BYTES + 1 || m.sizeBytes() == 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void onlyRecordedFilesAreFoundByTheirExactName(Database db) throws IOException {
        Path media = Files.createTempDirectory(dataDir, db.name());
        Uploads.Upload gif = upload(db, media, "a.gif", MediaSamples.gif());
        String hash = gif.media().hash();
        assertTrue(inTransaction(db, media, u -> u.file(hash + ".gif")).isPresent());
        assertTrue(inTransaction(db, media, u -> u.file(hash + ".png")).isEmpty(), "the right hash, the wrong kind");
        assertTrue(inTransaction(db, media, u -> u.file("../" + hash + ".gif")).isEmpty());
        assertTrue(inTransaction(db, media, u -> u.file("0".repeat(64) + ".gif")).isEmpty());
    }
}
