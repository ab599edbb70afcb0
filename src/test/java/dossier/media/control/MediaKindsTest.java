package dossier.media.control;

import dossier.media.entity.MediaKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaKindsTest {

    private final MediaKinds cut = new MediaKinds(MediaKinds.DEFAULT);

    @Test
    void realFilesAreToldByTheirContent() {
        assertEquals(Optional.of(MediaKind.PNG), cut.accept(head(MediaSamples.png())));
        assertEquals(Optional.of(MediaKind.JPEG), cut.accept(head(MediaSamples.jpeg())));
        assertEquals(Optional.of(MediaKind.GIF), cut.accept(head(MediaSamples.gif())));
        assertEquals(Optional.of(MediaKind.WEBP), cut.accept(head(MediaSamples.webp())));
        assertEquals(Optional.of(MediaKind.PDF), cut.accept(head(MediaSamples.pdf())));
        assertEquals(Optional.of(MediaKind.GIF), cut.accept(MediaSamples.ascii("GIF87a")), "the older GIF too");
    }

    @Test
    void pagesScriptsAndProgramsAreRefusedWhateverTheyAreCalled() {
        for (byte[] hostile : new byte[][] {
                MediaSamples.html(),                                        // an HTML page saved as x.png
                MediaSamples.svg(),                                         // SVG can carry script
                MediaSamples.ascii("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
                "\uFEFF<html>".getBytes(StandardCharsets.UTF_8),            // with a byte order mark
                MediaSamples.ascii("Just some text, called notes.pdf"),
                {0x7F, 'E', 'L', 'F', 2, 1, 1, 0},                          // a Linux program
                {'M', 'Z', (byte) 0x90, 0},                                 // a Windows program
                {'P', 'K', 3, 4, 20, 0},                                    // a zip archive (or an office file)
                MediaSamples.ascii("RIFF\u0024\0\0\0WAVEfmt "),             // RIFF, but sound, not WebP
                Arrays.copyOf(MediaSamples.png(), 4),                       // a cut-off PNG signature
                MediaSamples.ascii("%PD"),
                {},                                                         // an empty file
        }) {
            assertEquals(Optional.empty(), cut.accept(hostile), new String(hostile, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void aPngSignatureInFrontOfAPageIsAPngAndIsServedAsOne() {
        byte[] polyglot = concat(Arrays.copyOf(MediaSamples.png(), 8), MediaSamples.html());
        // Served as image/png with nosniff, a browser never renders it as a page.
        assertEquals(Optional.of(MediaKind.PNG), cut.accept(head(polyglot)));
    }

    @Test
    void onlyTheConfiguredKindsAreAccepted() {
        MediaKinds imagesOnly = new MediaKinds(" image/png , image/jpeg ");
        assertEquals(Optional.of(MediaKind.PNG), imagesOnly.accept(head(MediaSamples.png())));
        assertEquals(Optional.empty(), imagesOnly.accept(head(MediaSamples.pdf())));
        assertEquals(Optional.empty(), imagesOnly.accept(head(MediaSamples.gif())));
        assertEquals(Optional.of(MediaKind.GIF), MediaKinds.detect(head(MediaSamples.gif())), "still known, just not accepted");
        assertEquals("PNG or JPEG images", imagesOnly.describe());
        assertEquals("PNG, JPEG, GIF or WebP images, or PDF documents", cut.describe());
        assertEquals("PDF documents", new MediaKinds("application/pdf").describe());
    }

    @Test
    void svgAndUnknownTypesCannotBeConfigured() {
        IllegalArgumentException svg = assertThrows(IllegalArgumentException.class, () -> new MediaKinds("image/png,image/svg+xml"));
        assertTrue(svg.getMessage().contains("image/svg+xml") && svg.getMessage().contains("SVG never"), svg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MediaKinds("text/html"));
        assertThrows(IllegalArgumentException.class, () -> new MediaKinds(" , "));
    }

    private static byte[] head(byte[] file) {
        return Arrays.copyOf(file, Math.min(file.length, MediaKinds.HEAD_BYTES));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
