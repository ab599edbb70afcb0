package dossier.backup.control;

import dossier.media.control.MediaStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Puts a backup back, at start, before anything opens the database: asked for by a file {@code restore-from} in the
 * data folder that names the archive (relative to the data folder, or absolute). The archive is checked whole
 * first (its manifest, every entry's name, one database file), the database is unpacked beside the live one, the
 * uploaded files are added to the store (a stored file never changes, so the ones already there stay, and each
 * copy must hash to its name), and only then is the live database moved aside into {@code before-restore-<time>/}
 * and the restored one moved into its place. The search index is removed: it is rebuilt from the restored
 * database. The request file is removed last, so a restore interrupted by a crash simply runs again.
 */
public final class Restore {

    public static final String REQUEST = "restore-from";
    /** The search index, a view derived from the database: rebuilt at start when it is missing. */
    static final String INDEX = "index";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A restore done: from which archive, what it brought back, and where the database it replaced went. */
    public record Done(Path archive, boolean withMedia, int mediaFiles, int mediaAdded, Path previous) {

        public String describe() {
            return "Restored the backup " + archive + ": the database" + (withMedia ? " and " + mediaFiles
                    + " uploaded files (" + mediaAdded + " of them missing until now)" : " (an archive of an earlier"
                    + " version, without uploaded files: those in the data folder stay as they are)")
                    + (previous == null ? "; there was no database before it" : "; the database it replaced is in " + previous);
        }
    }

    private final Path dataDir;
    private final Path database;
    private final MediaStore media;

    /**
     * @param dataDir  the data folder
     * @param database the embedded database as H2 names it ({@code …/db/dossier}), null when the site runs on
     *                 another database
     */
    public Restore(Path dataDir, Path database, MediaStore media) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.database = database;
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

    /** Restores the archive; on failure the live database is as it was (only uploaded files may have been added). */
    public Done run(Path archive, Instant now) throws IOException {
        if (database == null) {
            throw new IOException(REQUEST + " asks for a restore, but this site's database (dossier.db.url) is not an"
                    + " embedded H2 file: restore PostgreSQL with pg_restore (see the README) and delete " + dataDir.resolve(REQUEST));
        }
        if (!Files.isRegularFile(archive)) {
            throw new IOException(REQUEST + " names " + archive + ", which is not a file");
        }
        try (ZipFile zip = open(archive)) {
            Contents contents = check(zip);
            Path folder = database.getParent();
            String base = database.getFileName().toString();
            Files.createDirectories(folder);
            Path staging = folder.resolve(".restoring-" + base);
            deleteTree(staging);
            Files.createDirectories(staging);
            Path restored = staging.resolve(base + ".mv.db");
            copyChecked(zip, contents.database(), restored);
            int added = 0;
            for (ZipEntry entry : contents.media()) {
                try (InputStream in = zip.getInputStream(entry)) {
                    if (media.restore(entry.getName().substring(entry.getName().lastIndexOf('/') + 1), in)) {
                        added++;
                    }
                }
            }
            Path previous = moveAside(folder, base, now);
            Files.move(restored, folder.resolve(base + ".mv.db"), StandardCopyOption.ATOMIC_MOVE);
            deleteTree(staging);
            deleteTree(dataDir.resolve(INDEX));
            Files.deleteIfExists(dataDir.resolve(REQUEST));
            return new Done(archive, contents.withMedia(), contents.media().size(), added, previous);
        }
    }

    /** Unpacks an entry, checks it against the checksum the archive recorded, and puts it on disk for good. */
    private static void copyChecked(ZipFile zip, ZipEntry entry, Path target) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
            Files.copy(in, target);
        }
        if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
            throw new IOException("The database in " + zip.getName() + " is damaged (its checksum does not match)");
        }
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
            channel.force(true);
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
    record Contents(ZipEntry database, List<ZipEntry> media, boolean withMedia) {
    }

    /** Reads the archive's table of contents and refuses anything that is not a complete Dossier backup. */
    static Contents check(ZipFile zip) throws IOException {
        List<ZipEntry> databases = new ArrayList<>();
        List<ZipEntry> earlier = new ArrayList<>();
        List<ZipEntry> media = new ArrayList<>();
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
            } else if (name.startsWith(BackupArchive.DATABASE)
                    && BackupArchive.DATABASE_FILE.matcher(name.substring(BackupArchive.DATABASE.length())).matches()) {
                databases.add(e);
            } else if (name.startsWith(BackupArchive.MEDIA) && MediaStore.relativePath(name.substring(name.lastIndexOf('/') + 1))
                    .equals(Optional.of(name.substring(BackupArchive.MEDIA.length())))) {
                media.add(e);
            } else if (BackupArchive.DATABASE_FILE.matcher(name).matches()) {
                earlier.add(e); // a database-only backup of an earlier version: H2's own zip
            } else {
                throw new IOException(zip.getName() + " is not a Dossier backup: it holds " + name);
            }
        }
        if (manifest == null) {
            if (databases.isEmpty() && media.isEmpty() && earlier.size() == 1) {
                return new Contents(earlier.get(0), List.of(), false);
            }
            throw new IOException(zip.getName() + " is not a complete Dossier backup: it has no " + BackupArchive.MANIFEST);
        }
        if (!earlier.isEmpty() || databases.size() != 1 || manifest.databaseFiles() != 1 || manifest.mediaFiles() != media.size()) {
            throw new IOException(zip.getName() + " is not a complete Dossier backup: it holds " + databases.size()
                    + " database files and " + media.size() + " uploads, its manifest says " + manifest.databaseFiles()
                    + " and " + manifest.mediaFiles());
        }
        return new Contents(databases.get(0), media, true);
    }

    /**
     * Moves the live database's files ({@code dossier.mv.db}, and H2's trace and temporary files beside it) into
     * {@code <data dir>/before-restore-<time>/}; answers that folder, or null when there was no database. Refuses
     * when the database is open: the site (or another copy of it) must be stopped.
     */
    private Path moveAside(Path folder, String base, Instant now) throws IOException {
        Path live = folder.resolve(base + ".mv.db");
        if (Files.exists(live)) {
            try (FileChannel channel = FileChannel.open(live, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw new IOException(live + " is in use by another process: stop it before restoring");
                }
                lock.release();
            } catch (OverlappingFileLockException openHere) {
                throw new IOException(live + " is already open: the restore must run before the database is used", openHere);
            }
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(base + ".")).toList();
        }
        if (files.isEmpty()) {
            return null;
        }
        Path aside = dataDir.resolve("before-restore-" + STAMP.format(now));
        for (int n = 2; Files.exists(aside); n++) {
            aside = dataDir.resolve("before-restore-" + STAMP.format(now) + "-" + n);
        }
        Files.createDirectories(aside);
        for (Path file : files) {
            Files.move(file, aside.resolve(file.getFileName()));
        }
        return aside;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
