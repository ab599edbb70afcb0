package dossier.backup.control;

import dossier.media.control.MediaStore;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One backup, one zip: the database as an SQL script, {@code db/dossier.sql}, then every uploaded file under
 * {@code media/} (laid out as in the data folder), and last {@code dossier-backup.properties}, which says what the
 * archive holds. The snapshot is taken first and the uploads copied after it: an upload is on disk before its row
 * is committed, so every file the snapshot refers to is in the archive (an upload that arrived meanwhile may be
 * there too, unreferenced, which does no harm). Everything is streamed: no file is held in memory.
 */
public final class BackupArchive {

    public static final String DATABASE = "db/dossier.sql";
    public static final String MEDIA = MediaStore.FOLDER + "/";
    public static final String MANIFEST = "dossier-backup.properties";
    /** The database file of the database-only backups of earlier versions (H2's {@code BACKUP TO} zip). */
    static final Pattern EARLIER_DATABASE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*\\.mv\\.db");
    private static final int BUFFER = 64 * 1024;

    /** Writes a consistent copy of the whole database, as an SQL script, into a file. */
    @FunctionalInterface
    public interface Snapshot {
        void writeTo(Path script) throws IOException, SQLException;
    }

    /** What an archive holds, as its manifest says. */
    public record Manifest(long databaseBytes, int mediaFiles, long mediaBytes) {

        static Manifest read(InputStream in) throws IOException {
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            try {
                if (!"1".equals(p.getProperty("format"))) {
                    throw new IOException("The archive is of a format this version does not know (" + p.getProperty("format") + ")");
                }
                return new Manifest(Long.parseLong(p.getProperty("database.bytes")), Integer.parseInt(p.getProperty("media.files")),
                        Long.parseLong(p.getProperty("media.bytes")));
            } catch (NumberFormatException e) {
                throw new IOException("The archive's " + MANIFEST + " is damaged", e);
            }
        }

        String text(Instant created, BackupFolder.Kind kind) {
            return "# A Dossier backup: the database as SQL in " + DATABASE + ", the uploaded files under " + MEDIA + ".\n"
                    + "# To restore it, see the README (Backups): the site restores it at start from <data dir>/restore-from.\n"
                    + "format=1\n"
                    + "created=" + DateTimeFormatter.ISO_INSTANT.format(created) + "\n"
                    + "kind=" + kind.name().toLowerCase(java.util.Locale.ROOT) + "\n"
                    + "database.bytes=" + databaseBytes + "\n"
                    + "media.files=" + mediaFiles + "\n"
                    + "media.bytes=" + mediaBytes + "\n";
        }
    }

    private BackupArchive() {
    }

    /**
     * Writes an archive into the folder: under a temporary name while it is written, then moved into place in one
     * step, so that a half-written archive is never listed (and a failed one leaves nothing behind).
     *
     * @param media the uploaded files, or null for an archive of the database alone
     */
    public static BackupFolder.Archive write(BackupFolder folder, BackupFolder.Kind kind, Instant now, Snapshot database,
                                             MediaStore media) throws IOException, SQLException {
        Path snapshot = folder.temporary("database");
        Path partial = folder.temporary("archive");
        try {
            Files.delete(snapshot); // H2 writes the file itself
            database.writeTo(snapshot);
            try (FileOutputStream file = new FileOutputStream(partial.toFile());
                 ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file, BUFFER))) {
                zip.putNextEntry(new ZipEntry(DATABASE));
                long databaseBytes = Files.copy(snapshot, zip);
                zip.closeEntry();
                // Uploads are images and PDFs, compressed already: the quickest level keeps the CPU for the readers.
                zip.setLevel(Deflater.BEST_SPEED);
                int mediaFiles = 0;
                long mediaBytes = 0;
                for (String relative : media == null ? java.util.List.<String>of() : media.files()) {
                    Path source = media.resolve(relative);
                    ZipEntry entry = new ZipEntry(MEDIA + relative);
                    entry.setLastModifiedTime(Files.getLastModifiedTime(source));
                    zip.putNextEntry(entry);
                    mediaBytes += Files.copy(source, zip);
                    zip.closeEntry();
                    mediaFiles++;
                }
                Manifest manifest = new Manifest(databaseBytes, mediaFiles, mediaBytes);
                zip.setLevel(Deflater.DEFAULT_COMPRESSION);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(manifest.text(now, kind).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.finish();
                zip.flush();
                file.getFD().sync(); // on disk before it is given its name
            }
            Path target = folder.target(now, kind);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return BackupFolder.parse(target).orElseThrow();
        } finally {
            Files.deleteIfExists(snapshot);
            Files.deleteIfExists(partial);
        }
    }
}
