package dossier.backup.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The archives in {@code <data dir>/backups}, named for when and how they were made:
 * {@code dossier-20261129-101500-scheduled.zip}, {@code dossier-20261129-101500-manual.zip}, the database as it
 * was before a restore, {@code dossier-20261129-101500-before-restore.zip}, and {@code dossier-20261129-101500.zip}
 * for the database-only backups of earlier versions (H2's own zip of its file, restored by hand). An archive is written
 * under a hidden temporary name and moved into place when complete, so only complete archives are ever listed.
 */
public final class BackupFolder {

    /** How an archive came about. */
    public enum Kind {
        SCHEDULED("scheduled"), MANUAL("manual"), BEFORE_RESTORE("before-restore"), EARLIER(null);

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        public String label() {
            return switch (this) {
                case SCHEDULED -> "scheduled";
                case MANUAL -> "made by hand";
                case BEFORE_RESTORE -> "the database before a restore";
                case EARLIER -> "database file of an earlier version (restore by hand)";
            };
        }
    }

    /** A complete archive. */
    public record Archive(Path path, Instant created, Kind kind, long bytes) {
        public String name() {
            return path.getFileName().toString();
        }
    }

    public static final String FOLDER = "backups";
    private static final Pattern NAME = Pattern.compile("dossier-(\\d{8}-\\d{6})(?:-(\\d+))?(?:-(scheduled|manual|before-restore))?\\.zip");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Temporary files of a backup under way start with this: hidden, and never taken for an archive. */
    static final String TEMPORARY = ".partial-";

    private final Path dir;

    public BackupFolder(Path dataDir) {
        this.dir = dataDir.resolve(FOLDER).toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** The name of an archive made now; a second one in the same second gets a number. */
    public Path target(Instant now, Kind kind) {
        String stamp = STAMP.format(now);
        if (kind.suffix == null) {
            throw new IllegalArgumentException("Archives of earlier versions are not written any more");
        }
        String suffix = "-" + kind.suffix + ".zip";
        Path target = dir.resolve("dossier-" + stamp + suffix);
        for (int n = 2; Files.exists(target); n++) {
            target = dir.resolve("dossier-" + stamp + "-" + n + suffix);
        }
        return target;
    }

    /** A temporary file beside the archives, for a backup under way. */
    public Path temporary(String purpose) throws IOException {
        Files.createDirectories(dir);
        return Files.createTempFile(dir, TEMPORARY + purpose + "-", ".tmp");
    }

    /** The complete archives, newest first. */
    public List<Archive> archives() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Archive> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                parse(p).ifPresent(found::add);
            }
        }
        found.sort(Comparator.comparing(Archive::created).thenComparing(Archive::name).reversed());
        return found;
    }

    static Optional<Archive> parse(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches() || !Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            Instant created = Instant.from(STAMP.parse(m.group(1)));
            Kind kind = Kind.EARLIER;
            for (Kind k : Kind.values()) {
                if (k.suffix != null && k.suffix.equals(m.group(3))) {
                    kind = k;
                }
            }
            return Optional.of(new Archive(p, created, kind, Files.size(p)));
        } catch (DateTimeParseException | IOException notOneOfOurs) {
            return Optional.empty();
        }
    }

    /** The newest scheduled archive's time, from which the next one is reckoned. */
    public Optional<Instant> newestScheduled() throws IOException {
        return archives().stream().filter(a -> a.kind() == Kind.SCHEDULED).map(Archive::created).findFirst();
    }

    /** The scheduled archives beyond the newest {@code keep}: those to delete. Archives made by hand are kept. */
    public static List<Archive> expired(List<Archive> newestFirst, int keep) {
        List<Archive> scheduled = newestFirst.stream().filter(a -> a.kind() == Kind.SCHEDULED).toList();
        return scheduled.size() <= keep ? List.of() : scheduled.subList(keep, scheduled.size());
    }

    /** Removes what an interrupted backup left behind; answers how many files. */
    public int removeLeftovers() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().startsWith(TEMPORARY) && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * Fails unless the folder's file system has room for a backup of this size: the database twice (H2's own copy,
     * then the archive) and the uploads once. Better a clear refusal than a full disk under the running site.
     */
    public void checkRoom(long databaseBytes, long mediaBytes) throws IOException {
        Files.createDirectories(dir);
        long needed = 2 * databaseBytes + mediaBytes + 16L * 1024 * 1024;
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable < needed) {
            throw new IOException("Not enough room for a backup in " + dir + ": " + Amounts.size(needed) + " needed, "
                    + Amounts.size(usable) + " free");
        }
    }
}
