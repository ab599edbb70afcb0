package dossier.media.control;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Real files of every kind, small enough to make in a test, and hostile ones that claim to be images. */
public final class MediaSamples {

    private MediaSamples() {
    }

    public static byte[] png() {
        return image("png", BufferedImage.TYPE_INT_ARGB);
    }

    /** The file with bytes of its own after it (decoders stop at an image's end): content no other test has. */
    public static byte[] unique(byte[] file) {
        byte[] tag = java.util.UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        byte[] unique = java.util.Arrays.copyOf(file, file.length + tag.length);
        System.arraycopy(tag, 0, unique, file.length, tag.length);
        return unique;
    }

    public static byte[] jpeg() {
        return image("jpeg", BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] gif() {
        return image("gif", BufferedImage.TYPE_INT_RGB);
    }

    /** A 1×1 lossless WebP (the JDK writes none): the well-known smallest one. */
    public static byte[] webp() {
        return Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    }

    /** A tiny but well-formed PDF: one empty page. */
    public static byte[] pdf() {
        return ascii("""
                %PDF-1.4
                1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
                2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
                3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >> endobj
                trailer << /Root 1 0 R >>
                %%EOF
                """);
    }

    /** What an attacker names photo.png: a page with a script. */
    public static byte[] html() {
        return ascii("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
    }

    public static byte[] svg() {
        return ascii("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] image(String format, int type) {
        BufferedImage image = new BufferedImage(3, 2, type);
        image.setRGB(1, 1, 0xFF3366CC);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
