package dossier.backup.control;

import dossier.media.control.MediaStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Puts a backup back, at start, before the schema migration and anything else of the site uses the database:
 * asked for by a file {@code restore-from} in the data folder that names the archive (relative to the data
 * folder, or absolute). The archive is checked whole first (its manifest, every entry's name, the database
 * script's checksum); the uploaded files are added to the store (a stored file never changes, so those already
 * there stay, and each copy must hash to its name); the live database is saved as an archive of its own
 * ({@code …-before-restore.zip}, restorable the same way) unless it is empty; then it is emptied and the script
 * run into it. The search index is removed when nothing holds it open, to be rebuilt from the restored data (the
 * index itself notices a database it is ahead of, too). The request file is removed last, so a restore that
 * failed runs again at the next start.
 */
public final class Restore {

    public static final String REQUEST = "restore-from";
    /** The search index, a view derived from the database: rebuilt at start when it is missing. */
    static final String INDEX = "index";

    /** The live database, through the site's own connections. */
    public interface Database {

        /** Whether it holds no table yet (a new data folder). */
        boolean isEmpty() throws SQLException;

        /** Writes a consistent SQL script of it, as for a backup. */
        void scriptTo(Path script) throws IOException, SQLException;

        /** Drops everything in it and runs the script. */
        void replaceWith(Path script) throws SQLException;
    }

    /** A restore done: from which archive, what it brought back, and where the database it replaced was saved. */
    public record Done(Path archive, int mediaFiles, int mediaAdded, BackupFolder.Archive previous) {

        public String describe() {
            return "Restored the backup " + archive + ": the database and " + mediaFiles + " uploaded files (" + mediaAdded
                    + " of them missing until now)" + (previous == null ? "; the database was empty before"
                    : "; the database it replaced is saved as " + previous.path());
        }
    }

    private final Path dataDir;
    private final MediaStore media;

    public Restore(Path dataDir, MediaStore media) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.media = media;
    }

    /** The archive that {@code restore-from} names, or empty when no restore is asked for. */
    public Optional<Path> requested() throws IOException {
        Path request = dataDir.resolve(REQUEST);
        if (!Files.isRegularFile(request)) {
            return Optional.empty();
        }
        String named = Files.readAllLines(request, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                .orElseThrow(() -> new IOException(request + " names no archive: write the archive's path in it"
                        + " (e.g. backups/dossier-20261129-101500-scheduled.zip), or delete it"));
        return Optional.of(dataDir.resolve(named).normalize());
    }

    /**
     * Restores the archive into the live database. Until the archive is found sound and unpacked, nothing but
     * uploaded files that were missing has changed.
     */
    public Done run(Path archive, Instant now, Database database) throws IOException, SQLException {
        if (!Files.isRegularFile(archive)) {
            throw new IOException(REQUEST + " names " + archive + ", which is not a file");
        }
        BackupFolder folder = new BackupFolder(dataDir);
        try (ZipFile zip = open(archive)) {
            Contents contents = check(zip);
            Path script = folder.temporary("restore");
            try {
                copyChecked(zip, contents.database(), script);
                int added = 0;
                for (ZipEntry entry : contents.media()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        if (media.restore(entry.getName().substring(entry.getName().lastIndexOf('/') + 1), in)) {
                            added++;
                        }
                    }
                }
                BackupFolder.Archive previous = database.isEmpty() ? null
                        : BackupArchive.write(folder, BackupFolder.Kind.BEFORE_RESTORE, now, database::scriptTo, null);
                database.replaceWith(script);
                removeIndexUnlessOpen();
                Files.deleteIfExists(dataDir.resolve(REQUEST));
                return new Done(archive, contents.media().size(), added, previous);
            } finally {
                Files.deleteIfExists(script);
            }
        }
    }

    /** Unpacks an entry and checks it against the checksum the archive recorded. */
    private static void copyChecked(ZipFile zip, ZipEntry entry, Path target) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
            throw new IOException("The database in " + zip.getName() + " is damaged (its checksum does not match)");
        }
    }

    private static ZipFile open(Path archive) throws IOException {
        try {
            return new ZipFile(archive.toFile());
        } catch (ZipException e) {
            throw new IOException(archive + " is not a readable zip file (cut short or damaged?): " + e.getMessage(), e);
        }
    }

    /** The database entry and the uploads' entries of an archive found sound. */
    record Contents(ZipEntry database, List<ZipEntry> media) {
    }

    /** Reads the archive's table of contents and refuses anything that is not a complete Dossier backup. */
    static Contents check(ZipFile zip) throws IOException {
        ZipEntry database = null;
        List<ZipEntry> media = new ArrayList<>();
        boolean earlier = false;
        BackupArchive.Manifest manifest = null;
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            ZipEntry e = all.nextElement();
            String name = e.getName();
            if (e.isDirectory()) {
                continue;
            }
            if (name.equals(BackupArchive.MANIFEST)) {
                try (InputStream in = zip.getInputStream(e)) {
                    manifest = BackupArchive.Manifest.read(in);
                }
            } else if (name.equals(BackupArchive.DATABASE)) {
                database = e;
            } else if (name.startsWith(BackupArchive.MEDIA) && MediaStore.relativePath(name.substring(name.lastIndexOf('/') + 1))
                    .equals(Optional.of(name.substring(BackupArchive.MEDIA.length())))) {
                media.add(e);
            } else if (BackupArchive.EARLIER_DATABASE.matcher(name).matches()) {
                earlier = true;
            } else {
                throw new IOException(zip.getName() + " is not a Dossier backup: it holds " + name);
            }
        }
        if (earlier && manifest == null) {
            throw new IOException(zip.getName() + " is a database-only backup of an earlier version, H2's own file:"
                    + " restore it by hand (stop the site, move <data dir>/db/ away, unzip the archive into an empty"
                    + " <data dir>/db/, start) and delete " + REQUEST);
        }
        if (manifest == null || database == null || earlier) {
            throw new IOException(zip.getName() + " is not a complete Dossier backup: it has "
                    + (manifest == null ? "no " + BackupArchive.MANIFEST : "no " + BackupArchive.DATABASE));
        }
        if (manifest.mediaFiles() != media.size() || manifest.databaseBytes() != database.getSize()) {
            throw new IOException(zip.getName() + " is not a complete Dossier backup: it holds " + media.size()
                    + " uploads and a database script of " + database.getSize() + " bytes, its manifest says "
                    + manifest.mediaFiles() + " and " + manifest.databaseBytes());
        }
        return new Contents(database, media);
    }

    /**
     * Deletes the search index folder, unless the index is open in this process already (Lucene holds a lock on
     * its {@code write.lock} file while it writes): it is then left to notice, at its start, that it is ahead of
     * the restored database.
     */
    private void removeIndexUnlessOpen() throws IOException {
        Path index = dataDir.resolve(INDEX);
        if (!Files.isDirectory(index)) {
            return;
        }
        Path lock = index.resolve("write.lock");
        if (Files.exists(lock)) {
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
                var held = channel.tryLock();
                if (held == null) {
                    return;
                }
                held.release();
            } catch (OverlappingFileLockException openHere) {
                return;
            }
        }
        try (Stream<Path> walk = Files.walk(index)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
