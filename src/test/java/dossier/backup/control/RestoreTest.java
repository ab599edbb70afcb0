package dossier.backup.control;

import dossier.media.control.MediaSamples;
import dossier.media.control.MediaStore;
import dossier.media.entity.MediaKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The restore's checks and steps, with a database that only records what is done to it (the real database is
 * restored in {@code BackupRestoreTest} and {@code H2BackupTest}).
 */
class RestoreTest {

    /** A database that is a script: replaced by the one run into it. */
    static final class Recorded implements Restore.Database {
        String content;
        final List<String> steps = new ArrayList<>();

        Recorded(String content) {
            this.content = content;
        }

        @Override
        public boolean isEmpty() {
            return content.isEmpty();
        }

        @Override
        public void scriptTo(Path script) throws IOException {
            steps.add("script");
            Files.writeString(script, content);
        }

        @Override
        public void replaceWith(Path script) throws java.sql.SQLException {
            steps.add("replace");
            try {
                content = Files.readString(script);
            } catch (IOException e) {
                throw new java.sql.SQLException(e);
            }
        }
    }

    @TempDir
    Path data;

    MediaStore media;
    Restore cut;

    @BeforeEach
    void open() {
        media = new MediaStore(data.resolve(MediaStore.FOLDER));
        cut = new Restore(data, media);
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
                BackupArchiveTest.script(BackupArchiveTest.DATABASE), oldMedia);
        Files.writeString(data.resolve(Restore.REQUEST), "# copied from the old machine\n" + archive.path() + "\n");
        Recorded empty = new Recorded("");

        Restore.Done done = cut.run(cut.requested().orElseThrow(), Instant.now(), empty);

        assertEquals(new String(BackupArchiveTest.DATABASE, StandardCharsets.UTF_8), empty.content);
        assertArrayEquals(png, Files.readAllBytes(media.find(name).orElseThrow()));
        assertNull(done.previous(), "an empty database is not kept");
        assertEquals(1, done.mediaAdded());
        assertFalse(Files.exists(data.resolve(Restore.REQUEST)));
        assertEquals(List.of(), new BackupFolder(data).archives(), "and no temporary file is left");
        assertEquals(List.of(), Files.exists(data.resolve("backups")) ? list(data.resolve("backups")) : List.of());
    }

    @Test
    void theReplacedDatabaseIsSavedFirstAsAnArchiveThatRestoresTheSameWay() throws Exception {
        Path archive = BackupArchive.write(new BackupFolder(data.resolve("old")), BackupFolder.Kind.MANUAL, Instant.now(),
                BackupArchiveTest.script("the backup".getBytes(StandardCharsets.UTF_8)), null).path();
        Recorded live = new Recorded("the live data");
        Files.createDirectories(data.resolve("index"));
        Files.writeString(data.resolve("index/segments_3"), "an index of the live data");

        Restore.Done done = cut.run(archive, Instant.parse("2026-11-29T10:00:00Z"), live);

        assertEquals(List.of("script", "replace"), live.steps, "saved before it is replaced");
        assertEquals("the backup", live.content);
        assertEquals("dossier-20261129-100000-before-restore.zip", done.previous().name());
        assertFalse(Files.exists(data.resolve("index")), "the index of the replaced data is removed, to be rebuilt");

        Recorded again = new Recorded("the backup");
        cut.run(done.previous().path(), Instant.now(), again);
        assertEquals("the live data", again.content, "the restore is undone by restoring what it saved");
    }

    @Test
    void anIndexOpenInThisProcessIsLeftAlone() throws Exception {
        Path archive = BackupArchive.write(new BackupFolder(data.resolve("old")), BackupFolder.Kind.MANUAL, Instant.now(),
                BackupArchiveTest.script("x".getBytes(StandardCharsets.UTF_8)), null).path();
        Path lock = Files.createDirectories(data.resolve("index")).resolve("write.lock");
        Files.createFile(lock);
        try (FileChannel held = FileChannel.open(lock, StandardOpenOption.WRITE); var l = held.lock()) {
            cut.run(archive, Instant.now(), new Recorded(""));
            assertTrue(Files.exists(lock), "never deleted under an open index writer");
        }
    }

    @Test
    void whatIsNotACompleteDossierBackupIsRefusedBeforeTheDatabaseIsTouched() throws Exception {
        byte[] db = "x".getBytes(StandardCharsets.UTF_8);
        String png = "ab" + "0".repeat(62) + ".png";
        Map<String, Map<String, byte[]>> refused = new LinkedHashMap<>();
        refused.put("foreign.zip", Map.of("etc/passwd", db));
        refused.put("no-manifest.zip", Map.of(BackupArchive.DATABASE, db));
        refused.put("no-database.zip", Map.of(BackupArchive.MANIFEST, manifest(1, 0)));
        refused.put("escaping.zip", Map.of(BackupArchive.DATABASE, db, "media/../../evil.png", db, BackupArchive.MANIFEST, manifest(1, 1)));
        refused.put("upload-missing.zip", Map.of(BackupArchive.DATABASE, db, BackupArchive.MANIFEST, manifest(1, 1)));
        refused.put("database-cut-short.zip", Map.of(BackupArchive.DATABASE, db, BackupArchive.MANIFEST, manifest(1000, 0)));
        refused.put("damaged-upload.zip", Map.of(BackupArchive.DATABASE, db, "media/ab/" + png, db, BackupArchive.MANIFEST, manifest(1, 1)));
        refused.put("earlier-version.zip", Map.of("dossier.mv.db", db));
        Recorded live = new Recorded("the live data");
        for (Map.Entry<String, Map<String, byte[]>> archive : refused.entrySet()) {
            Path zip = zip(archive.getKey(), archive.getValue());
            IOException e = assertThrows(IOException.class, () -> cut.run(zip, Instant.now(), live), archive.getKey());
            assertTrue(e.getMessage().contains("Dossier backup") || e.getMessage().contains("is damaged")
                    || e.getMessage().contains("restore it by hand"), archive.getKey() + ": " + e.getMessage());
        }
        assertEquals(List.of(), live.steps, "the database was never touched");
        assertEquals("the live data", live.content);
        Path missing = data.resolve("missing.zip");
        assertThrows(IOException.class, () -> cut.run(missing, Instant.now(), live));
        byte[] whole = Files.readAllBytes(BackupArchive.write(new BackupFolder(data), BackupFolder.Kind.MANUAL, Instant.now(),
                BackupArchiveTest.script(db), null).path());
        Path cutShort = data.resolve("cut-short.zip");
        Files.write(cutShort, java.util.Arrays.copyOf(whole, whole.length - 20));
        IOException truncated = assertThrows(IOException.class, () -> cut.run(cutShort, Instant.now(), live));
        assertTrue(truncated.getMessage().contains("not a readable zip file"), truncated.getMessage());
        assertEquals(List.of(), media.files(), "no damaged upload was kept");
        assertFalse(Files.exists(data.resolve("evil.png")));
    }

    @Test
    void anEmptyRequestSaysWhatToWriteInIt() throws Exception {
        Files.writeString(data.resolve(Restore.REQUEST), "\n  \n");
        IOException refused = assertThrows(IOException.class, () -> cut.requested());
        assertTrue(refused.getMessage().contains("backups/dossier-"), refused.getMessage());
        Files.delete(data.resolve(Restore.REQUEST));
        assertTrue(cut.requested().isEmpty(), "no file, no restore");
    }

    private static byte[] manifest(long databaseBytes, int media) {
        return ("format=1\ndatabase.bytes=" + databaseBytes + "\nmedia.files=" + media + "\nmedia.bytes=1\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
