package dossier.media.control;

import dossier.media.entity.MediaKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaStoreTest {

    @TempDir
    Path root;

    private MediaStore cut;

    @BeforeEach
    void open() {
        cut = new MediaStore(root);
    }

    private String store(byte[] bytes, MediaKind kind) throws IOException {
        try (MediaStore.Incoming incoming = cut.receive(new ByteArrayInputStream(bytes), 1024 * 1024)) {
            return cut.keep(incoming, kind);
        }
    }

    @Test
    void aFileIsStoredUnderItsHashAndReadBackByName() throws Exception {
        byte[] png = MediaSamples.png();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        String name = store(png, MediaKind.PNG);

        assertEquals(hash + ".png", name);
        Path file = root.resolve(hash.substring(0, 2)).resolve(name);
        assertEquals(Optional.of(file), cut.find(name));
        assertArrayEquals(png, Files.readAllBytes(file));
        assertEquals(List.of(file), files(), "and nothing else: no temporary file is left behind");
    }

    @Test
    void theSameContentTwiceIsOneFile() throws Exception {
        String first = store(MediaSamples.gif(), MediaKind.GIF);
        String second = store(MediaSamples.gif(), MediaKind.GIF);
        assertEquals(first, second);
        assertEquals(1, files().size());
        store(MediaSamples.pdf(), MediaKind.PDF);
        assertEquals(2, files().size());
    }

    @Test
    void receivingTellsSizeHashAndFirstBytes() throws Exception {
        byte[] pdf = MediaSamples.pdf();
        try (MediaStore.Incoming incoming = cut.receive(new ByteArrayInputStream(pdf), pdf.length)) {
            assertEquals(pdf.length, incoming.size());
            assertEquals(MediaKind.PDF, MediaKinds.detect(incoming.head()).orElseThrow());
            assertEquals(64, incoming.hash().length());
        }
        assertEquals(List.of(), files(), "a file never kept is removed");
        try (MediaStore.Incoming empty = cut.receive(InputStream.nullInputStream(), 10)) {
            assertEquals(0, empty.size());
            assertEquals(0, empty.head().length);
        }
    }

    @Test
    void readingStopsOneBytePastTheLimit() throws Exception {
        long[] read = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                read[0] += len;
                return len;
            }
        };
        try (MediaStore.Incoming incoming = cut.receive(endless, 200_000)) {
            assertEquals(200_001, incoming.size(), "over the limit: to be refused");
        }
        assertEquals(200_001, read[0], "and not a byte more was read");
        assertEquals(List.of(), files());
    }

    @Test
    void onlyWellFormedNamesReachTheFileSystem() throws Exception {
        String name = store(MediaSamples.png(), MediaKind.PNG);
        String hash = name.substring(0, 64);
        Files.writeString(root.resolve("secret.txt"), "not media");
        for (String hostile : new String[] {
                "../secret.txt", "..%2Fsecret.txt", "/etc/passwd", hash.substring(0, 2) + "/" + name, "secret.txt",
                hash.toUpperCase() + ".png", hash + ".PNG", hash + ".svg", hash + ".html", hash + ".png/",
                hash + ".png\0.html", hash.substring(1) + ".png", hash + "0.png", hash, "", "x.png"}) {
            assertEquals(Optional.empty(), cut.find(hostile), hostile);
            assertEquals(Optional.empty(), MediaStore.hashOf(hostile), hostile);
        }
        assertEquals(Optional.of(hash), MediaStore.hashOf(name));
        assertEquals(Optional.empty(), MediaStore.hashOf(null));
        assertTrue(MediaStore.hashOf(hash + ".jpg").isPresent());
        assertFalse(cut.find(hash + ".jpg").isPresent(), "well-formed, but no such file");
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("secret.txt")).toList();
        }
    }
}
