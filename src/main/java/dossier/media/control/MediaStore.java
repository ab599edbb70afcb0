package dossier.media.control;

import dossier.media.entity.MediaKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Uploaded files on disk, named by the SHA-256 of their content: {@code <root>/<first two hex digits>/<sha256>.<ext>}.
 * The same content uploaded twice is one file, and a stored file never changes, so its address can be cached
 * forever. A file is received under a temporary name in the root folder (the same file system) and moved into
 * place in one atomic step: no one ever reads half a file. Names are checked against a strict pattern before
 * they touch the file system, so no name reaches outside the store.
 */
public final class MediaStore {

    /** The store's folder inside the data folder. */
    public static final String FOLDER = "media";

    private static final Pattern NAME = Pattern.compile("([0-9a-f]{64})\\.("
            + Arrays.stream(MediaKind.values()).map(MediaKind::extension).collect(Collectors.joining("|")) + ")");
    private static final int BUFFER = 64 * 1024;

    private final Path root;

    public MediaStore(Path root) {
        this.root = root;
    }

    /** A file as it arrived: in a temporary file, hashed, its first bytes at hand to tell its kind. */
    public static final class Incoming implements AutoCloseable {

        private final Path temp;
        private final String hash;
        private final long size;
        private final byte[] head;

        Incoming(Path temp, String hash, long size, byte[] head) {
            this.temp = temp;
            this.hash = hash;
            this.size = size;
            this.head = head;
        }

        public String hash() { return hash; }
        public long size() { return size; }
        public byte[] head() { return head.clone(); }

        /** Removes the temporary file, unless it was kept. */
        @Override
        public void close() throws IOException {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Copies a stream into a temporary file, reading at most {@code maxBytes + 1} bytes: a file whose
     * {@link Incoming#size()} exceeds {@code maxBytes} is cut short and is to be refused; the rest of the
     * stream is never read.
     */
    public Incoming receive(InputStream in, long maxBytes) throws IOException {
        Files.createDirectories(root);
        Path temp = Files.createTempFile(root, ".incoming-", ".part");
        MessageDigest sha256 = sha256();
        byte[] head = new byte[MediaKinds.HEAD_BYTES];
        long size = 0;
        try (OutputStream out = Files.newOutputStream(temp)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while (size <= maxBytes && (n = in.read(buffer, 0, (int) Math.min(BUFFER, maxBytes + 1 - size))) != -1) {
                if (size < head.length) {
                    System.arraycopy(buffer, 0, head, (int) size, (int) Math.min(n, head.length - size));
                }
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
                size += n;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new Incoming(temp, HexFormat.of().formatHex(sha256.digest()), size,
                Arrays.copyOf(head, (int) Math.min(size, head.length)));
    }

    /** Moves a received file into place and answers its name, {@code <sha256>.<ext>}; kept once per content. */
    public String keep(Incoming file, MediaKind kind) throws IOException {
        String name = file.hash + "." + kind.extension();
        Path target = pathOf(file.hash, name);
        Files.createDirectories(target.getParent());
        if (!Files.exists(target)) {
            try {
                Files.move(file.temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException sameContentAtTheSameMoment) {
                // The other upload's file is this one, byte for byte; the temporary copy goes at close().
            }
        }
        return name;
    }

    /** The stored file of that name, when the name is well-formed and such a file exists. */
    public Optional<Path> find(String name) {
        return hashOf(name).map(hash -> pathOf(hash, name)).filter(Files::isRegularFile);
    }

    /**
     * Every stored file, by its path below the root ({@code ab/ab12….png}, with {@code /} between the parts):
     * temporary files and anything else that is not a stored file are left out.
     */
    public List<String> files() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root, 2)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> root.relativize(p).getNameCount() == 2)
                    .map(p -> p.getParent().getFileName() + "/" + p.getFileName())
                    .filter(relative -> relativePath(relative.substring(relative.indexOf('/') + 1)).equals(Optional.of(relative)))
                    .sorted()
                    .toList();
        }
    }

    /** Where a stored file of that name lies below the root, {@code ab/ab12….png}; empty for an ill-formed name. */
    public static Optional<String> relativePath(String name) {
        return hashOf(name).map(hash -> hash.substring(0, 2) + "/" + name);
    }

    /** The file at a path that {@link #files()} answered. */
    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    /**
     * Puts back a file from a backup under its name, unless it is already there (a stored file never changes).
     * Its content must hash to its name: a damaged copy is refused, and nothing half-written is ever in place.
     * Answers whether the file was added.
     */
    public boolean restore(String name, InputStream content) throws IOException {
        String hash = hashOf(name).orElseThrow(() -> new IOException("Not the name of a stored file: " + name));
        Path target = pathOf(hash, name);
        if (Files.isRegularFile(target)) {
            return false;
        }
        try (Incoming incoming = receive(content, Long.MAX_VALUE - 1)) {
            if (!incoming.hash.equals(hash)) {
                throw new IOException("The copy of " + name + " is damaged: its content does not match its name");
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(incoming.temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException sameContentAtTheSameMoment) {
                return false;
            }
        }
        return true;
    }

    /** The content hash a well-formed name stands for; empty for anything else. */
    public static Optional<String> hashOf(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private Path pathOf(String hash, String name) {
        return root.resolve(hash.substring(0, 2)).resolve(name);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
