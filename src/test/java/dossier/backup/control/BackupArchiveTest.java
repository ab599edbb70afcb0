package dossier.backup.control;

import dossier.media.control.MediaSamples;
import dossier.media.control.MediaStore;
import dossier.media.entity.MediaKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one archive holds, and that nothing incomplete is ever listed. */
class BackupArchiveTest {

    static final byte[] DATABASE = "CREATE TABLE \"PUBLIC\".\"ARTICLE\"(…);\nINSERT INTO …;\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path data;

    BackupFolder folder;
    MediaStore media;

    @BeforeEach
    void open() {
        folder = new BackupFolder(data);
        media = new MediaStore(data.resolve(MediaStore.FOLDER));
    }

    /** A snapshot as H2 writes it: a script. */
    static BackupArchive.Snapshot script(byte[] content) {
        return file -> Files.write(file, content);
    }

    private String store(byte[] bytes, MediaKind kind) throws IOException {
        try (MediaStore.Incoming incoming = media.receive(new ByteArrayInputStream(bytes), 1 << 20)) {
            return media.keep(incoming, kind);
        }
    }

    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                entries.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return entries;
    }

    private List<String> folderFiles() throws IOException {
        try (Stream<Path> files = Files.list(folder.dir())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theDatabaseComesFirstThenEveryUploadThenTheManifest() throws Exception {
        byte[] png = MediaSamples.png();
        byte[] pdf = MediaSamples.pdf();
        String pngName = store(png, MediaKind.PNG);
        String pdfName = store(pdf, MediaKind.PDF);
        Files.writeString(data.resolve("media/.incoming-123.part"), "an upload still arriving");

        BackupFolder.Archive archive = BackupArchive.write(folder, BackupFolder.Kind.SCHEDULED,
                Instant.parse("2026-11-29T10:15:00Z"), script(DATABASE), media);

        assertEquals("dossier-20261129-101500-scheduled.zip", archive.name());
        assertEquals(Files.size(archive.path()), archive.bytes());
        Map<String, byte[]> entries = entries(archive.path());
        List<String> names = new ArrayList<>(entries.keySet());
        assertEquals(BackupArchive.DATABASE, names.get(0), "the snapshot first: " + names);
        assertEquals(BackupArchive.MANIFEST, names.get(names.size() - 1), "the manifest last: " + names);
        assertEquals(4, names.size(), "the database, two uploads, the manifest; no temporary upload: " + names);
        assertArrayEquals(DATABASE, entries.get(BackupArchive.DATABASE));
        assertArrayEquals(png, entries.get("media/" + pngName.substring(0, 2) + "/" + pngName), "the upload as stored");
        assertArrayEquals(pdf, entries.get("media/" + pdfName.substring(0, 2) + "/" + pdfName));
        String manifest = new String(entries.get(BackupArchive.MANIFEST), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("media.files=2\n") && manifest.contains("media.bytes=" + (png.length + pdf.length) + "\n")
                && manifest.contains("database.bytes=" + DATABASE.length + "\n")
                && manifest.contains("created=2026-11-29T10:15:00Z"), manifest);
        assertEquals(List.of(archive.name()), folderFiles(), "no temporary file is left beside it");
    }

    @Test
    void aSiteWithoutUploadsIsBackedUpAllTheSame() throws Exception {
        BackupFolder.Archive archive = BackupArchive.write(folder, BackupFolder.Kind.MANUAL, Instant.now(), script(DATABASE), media);
        assertEquals(List.of(BackupArchive.DATABASE, BackupArchive.MANIFEST), new ArrayList<>(entries(archive.path()).keySet()));
        assertEquals(BackupFolder.Kind.MANUAL, archive.kind());
    }

    @Test
    void aFailedBackupLeavesNothingThatCouldBeTakenForAnArchive() throws Exception {
        store(MediaSamples.png(), MediaKind.PNG);
        BackupArchive.Snapshot failing = zip -> {
            try (OutputStream out = Files.newOutputStream(zip)) {
                out.write("half a script".getBytes(StandardCharsets.UTF_8));
            }
            throw new SQLException("disk full");
        };
        assertThrows(SQLException.class, () -> BackupArchive.write(folder, BackupFolder.Kind.SCHEDULED, Instant.now(), failing, media));
        assertEquals(List.of(), folder.archives());
        assertEquals(List.of(), folderFiles(), "its temporary files are removed");
    }

    @Test
    void anArchiveBeingWrittenIsNeverListed() throws Exception {
        List<List<BackupFolder.Archive>> seenWhileWriting = new ArrayList<>();
        store(MediaSamples.png(), MediaKind.PNG);
        BackupArchive.Snapshot watching = zip -> {
            script(DATABASE).writeTo(zip);
            seenWhileWriting.add(folder.archives());
        };
        BackupArchive.write(folder, BackupFolder.Kind.SCHEDULED, Instant.now(), watching, media);
        assertEquals(List.of(List.of()), seenWhileWriting);
        assertEquals(1, folder.archives().size());
    }

    @Test
    void anArchiveOfTheDatabaseAloneHasNoUploads() throws Exception {
        store(MediaSamples.png(), MediaKind.PNG);
        BackupFolder.Archive archive = BackupArchive.write(folder, BackupFolder.Kind.BEFORE_RESTORE, Instant.now(), script(DATABASE), null);
        assertEquals(List.of(BackupArchive.DATABASE, BackupArchive.MANIFEST), new ArrayList<>(entries(archive.path()).keySet()));
        assertTrue(archive.name().endsWith("-before-restore.zip"), archive.name());
    }
}
