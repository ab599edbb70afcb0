package dossier.backup.control;

import dossier.media.control.MediaSamples;
import dossier.media.control.MediaStore;
import dossier.media.entity.MediaKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The restore's checks and file moves, on a data folder whose "database" is a plain file (the real database is
 * restored in {@code BackupRestoreTest}).
 */
class RestoreTest {

    @TempDir
    Path data;

    Path database;
    MediaStore media;
    Restore cut;

    @BeforeEach
    void open() {
        database = data.resolve("db/dossier");
        media = new MediaStore(data.resolve(MediaStore.FOLDER));
        cut = new Restore(data, database, media);
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path zip = data.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void aFreshMachineGetsTheDatabaseAndTheUploads() throws Exception {
        Path elsewhere = data.resolve("old-site");
        MediaStore oldMedia = new MediaStore(elsewhere.resolve(MediaStore.FOLDER));
        byte[] png = MediaSamples.png();
        String name;
        try (MediaStore.Incoming in = oldMedia.receive(new ByteArrayInputStream(png), 1 << 20)) {
            name = oldMedia.keep(in, MediaKind.PNG);
        }
        BackupFolder.Archive archive = BackupArchive.write(new BackupFolder(elsewhere), BackupFolder.Kind.SCHEDULED, Instant.now(),
                BackupArchiveTest.h2Zip(BackupArchiveTest.DATABASE), oldMedia);
        Files.writeString(data.resolve(Restore.REQUEST), "# copied from the old machine\n" + archive.path() + "\n");

        Restore.Done done = cut.run(cut.requested().orElseThrow(), Instant.now());

        assertArrayEquals(BackupArchiveTest.DATABASE, Files.readAllBytes(data.resolve("db/dossier.mv.db")));
        assertArrayEquals(png, Files.readAllBytes(media.find(name).orElseThrow()));
        assertNull(done.previous(), "there was no database to keep aside");
        assertEquals(1, done.mediaAdded());
        assertFalse(Files.exists(data.resolve(Restore.REQUEST)));
        assertEquals(java.util.List.of("dossier.mv.db"), list(data.resolve("db")), "nothing else is left in the database folder");
    }

    @Test
    void anArchiveOfAnEarlierVersionBringsBackTheDatabaseAndLeavesTheUploads() throws Exception {
        Files.createDirectories(database.getParent());
        Files.writeString(data.resolve("db/dossier.mv.db"), "the live database");
        Files.writeString(data.resolve("db/dossier.trace.db"), "its trace");
        Path earlier = zip("dossier-20261001-000000.zip", Map.of("dossier.mv.db", "an older database".getBytes(StandardCharsets.UTF_8)));

        Restore.Done done = cut.run(earlier, Instant.parse("2026-11-29T10:00:00Z"));

        assertEquals("an older database", Files.readString(data.resolve("db/dossier.mv.db")));
        assertEquals(data.resolve("before-restore-20261129-100000"), done.previous());
        assertEquals("the live database", Files.readString(done.previous().resolve("dossier.mv.db")));
        assertEquals("its trace", Files.readString(done.previous().resolve("dossier.trace.db")));
        assertFalse(done.withMedia());
    }

    @Test
    void whatIsNotACompleteDossierBackupIsRefusedBeforeAnythingChanges() throws Exception {
        Files.createDirectories(database.getParent());
        Files.writeString(data.resolve("db/dossier.mv.db"), "the live database");
        byte[] db = "x".getBytes(StandardCharsets.UTF_8);
        String png = "ab" + "0".repeat(62) + ".png";
        Map<String, Map<String, byte[]>> refused = Map.of(
                "foreign.zip", Map.of("etc/passwd", db),
                "no-manifest.zip", Map.of("db/dossier.mv.db", db),
                "escaping.zip", Map.of("db/dossier.mv.db", db, "media/../../evil.png", db, BackupArchive.MANIFEST,
                        manifest(1, 1)),
                "upload-missing.zip", Map.of("db/dossier.mv.db", db, BackupArchive.MANIFEST, manifest(1, 1)),
                "two-databases.zip", Map.of("db/dossier.mv.db", db, "db/other.mv.db", db, BackupArchive.MANIFEST, manifest(1, 0)),
                "damaged-upload.zip", Map.of("db/dossier.mv.db", db, "media/ab/" + png, db, BackupArchive.MANIFEST, manifest(1, 1)));
        for (Map.Entry<String, Map<String, byte[]>> archive : refused.entrySet()) {
            Path zip = zip(archive.getKey(), archive.getValue());
            IOException e = assertThrows(IOException.class, () -> cut.run(zip, Instant.now()), archive.getKey());
            assertTrue(e.getMessage().contains("Dossier backup") || e.getMessage().contains("is damaged"), e.getMessage());
            assertEquals("the live database", Files.readString(data.resolve("db/dossier.mv.db")), archive.getKey());
        }
        assertThrows(IOException.class, () -> cut.run(data.resolve("missing.zip"), Instant.now()));
        assertEquals(java.util.List.of(), media.files(), "no damaged upload was kept");
        assertFalse(Files.exists(data.resolve("evil.png")));
    }

    @Test
    void onAnotherDatabaseARestoreIsRefused() throws Exception {
        Restore onPostgres = new Restore(data, null, media);
        Files.writeString(data.resolve(Restore.REQUEST), "backups/dossier-20261129-101500-scheduled.zip");
        IOException refused = assertThrows(IOException.class, () -> onPostgres.run(onPostgres.requested().orElseThrow(), Instant.now()));
        assertTrue(refused.getMessage().contains("pg_restore"), refused.getMessage());
    }

    @Test
    void anEmptyRequestSaysWhatToWriteInIt() throws Exception {
        Files.writeString(data.resolve(Restore.REQUEST), "\n  \n");
        IOException refused = assertThrows(IOException.class, () -> cut.requested());
        assertTrue(refused.getMessage().contains("backups/dossier-"), refused.getMessage());
        Files.delete(data.resolve(Restore.REQUEST));
        assertTrue(cut.requested().isEmpty(), "no file, no restore");
    }

    private static byte[] manifest(int databases, int media) {
        return ("format=1\ndatabase.files=" + databases + "\nmedia.files=" + media + "\nmedia.bytes=1\n").getBytes(StandardCharsets.UTF_8);
    }

    private static java.util.List<String> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
