package dossier.backup.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Naming, listing and retention of the archives, on a real folder. */
class BackupFolderTest {

    @TempDir
    Path data;

    private Path make(String name) throws IOException {
        Path dir = data.resolve(BackupFolder.FOLDER);
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), name);
    }

    private static List<String> names(List<BackupFolder.Archive> archives) {
        return archives.stream().map(BackupFolder.Archive::name).toList();
    }

    @Test
    void archivesAreListedNewestFirstWithHowTheyWereMade() throws IOException {
        make("dossier-20261101-000000.zip");
        make("dossier-20261103-000000-manual.zip");
        make("dossier-20261102-000000-scheduled.zip");
        make("dossier-20261102-000000-2-scheduled.zip");
        make("dossier-20261101-120000-before-restore.zip");
        make(".partial-archive-123.tmp");
        make("notes.txt");
        make("dossier-2026-manual.zip");

        List<BackupFolder.Archive> archives = new BackupFolder(data).archives();
        assertEquals(List.of("dossier-20261103-000000-manual.zip", "dossier-20261102-000000-scheduled.zip",
                "dossier-20261102-000000-2-scheduled.zip", "dossier-20261101-120000-before-restore.zip", "dossier-20261101-000000.zip"),
                names(archives));
        assertEquals(List.of(BackupFolder.Kind.MANUAL, BackupFolder.Kind.SCHEDULED, BackupFolder.Kind.SCHEDULED,
                BackupFolder.Kind.BEFORE_RESTORE, BackupFolder.Kind.EARLIER), archives.stream().map(BackupFolder.Archive::kind).toList());
        assertEquals(Instant.parse("2026-11-03T00:00:00Z"), archives.get(0).created());
        assertEquals(Optional.of(Instant.parse("2026-11-02T00:00:00Z")), new BackupFolder(data).newestScheduled());
    }

    @Test
    void retentionDeletesOnlyTheOldestScheduledArchivesBeyondKeep() throws IOException {
        for (int day = 1; day <= 9; day++) {
            make(String.format("dossier-202611%02d-030000-scheduled.zip", day));
        }
        make("dossier-20261101-120000-manual.zip");
        make("dossier-20261101-130000-before-restore.zip");
        make("dossier-20261001-000000.zip");
        List<BackupFolder.Archive> all = new BackupFolder(data).archives();

        assertEquals(List.of("dossier-20261102-030000-scheduled.zip", "dossier-20261101-030000-scheduled.zip"),
                names(BackupFolder.expired(all, 7)), "the two oldest scheduled ones; those made by hand, before a restore or by an earlier version are kept");
        assertEquals(List.of(), BackupFolder.expired(all, 9));
        assertEquals(8, BackupFolder.expired(all, 1).size());
        assertFalse(names(BackupFolder.expired(all, 1)).contains("dossier-20261109-030000-scheduled.zip"), "never the newest");
    }

    @Test
    void aSecondArchiveInTheSameSecondGetsANameOfItsOwn() throws IOException {
        BackupFolder folder = new BackupFolder(data);
        Instant now = Instant.parse("2026-11-29T10:15:00.123Z");
        Path first = folder.target(now, BackupFolder.Kind.MANUAL);
        Files.createDirectories(first.getParent());
        Files.writeString(first, "x");
        assertEquals("dossier-20261129-101500-2-manual.zip", folder.target(now, BackupFolder.Kind.MANUAL).getFileName().toString());
        assertEquals("dossier-20261129-101500-scheduled.zip", folder.target(now, BackupFolder.Kind.SCHEDULED).getFileName().toString());
    }

    @Test
    void leftoversOfAnInterruptedBackupAreRemovedAndArchivesKept() throws IOException {
        BackupFolder folder = new BackupFolder(data);
        Path leftover = folder.temporary("archive");
        Path archive = make("dossier-20261101-000000-scheduled.zip");
        assertEquals(1, folder.removeLeftovers());
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(archive));
    }
}
