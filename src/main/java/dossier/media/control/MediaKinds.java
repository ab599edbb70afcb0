package dossier.media.control;

import dossier.media.entity.MediaKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What kind a file is, told from its first bytes (its signature), never from its name or from the type a client
 * claims: a page renamed {@code photo.png} is still a page, and is refused. Only the kinds listed in
 * {@code dossier.media.types} are accepted; SVG cannot be listed at all, since an SVG image can carry script.
 */
public final class MediaKinds {

    public static final String DEFAULT = "image/png,image/jpeg,image/gif,image/webp,application/pdf";
    /** Enough of the start of a file to tell every kind. */
    public static final int HEAD_BYTES = 12;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] GIF87 = ascii("GIF87a");
    private static final byte[] GIF89 = ascii("GIF89a");
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP = ascii("WEBP");
    private static final byte[] PDF = ascii("%PDF-");

    private final Set<MediaKind> accepted = EnumSet.noneOf(MediaKind.class);

    /** @param types media types separated by commas, as in {@link #DEFAULT} */
    public MediaKinds(String types) {
        for (String type : types.split(",")) {
            if (!type.isBlank()) {
                accepted.add(MediaKind.ofType(type).orElseThrow(() -> new IllegalArgumentException(
                        "dossier.media.types lists '" + type.strip() + "', which the site never accepts; it can take "
                                + Arrays.stream(MediaKind.values()).map(MediaKind::type).collect(Collectors.joining(", "))
                                + " (SVG never: it can carry script)")));
            }
        }
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException("dossier.media.types lists no type");
        }
    }

    /** The kind of a file from its first bytes ({@link #HEAD_BYTES} of them, or the whole file when shorter). */
    public static Optional<MediaKind> detect(byte[] head) {
        if (startsWith(head, 0, PNG)) {
            return Optional.of(MediaKind.PNG);
        }
        if (startsWith(head, 0, JPEG)) {
            return Optional.of(MediaKind.JPEG);
        }
        if (startsWith(head, 0, GIF87) || startsWith(head, 0, GIF89)) {
            return Optional.of(MediaKind.GIF);
        }
        if (startsWith(head, 0, RIFF) && startsWith(head, 8, WEBP)) {
            return Optional.of(MediaKind.WEBP);
        }
        if (startsWith(head, 0, PDF)) {
            return Optional.of(MediaKind.PDF);
        }
        return Optional.empty();
    }

    /** The kind of a file, when it is one this site accepts. */
    public Optional<MediaKind> accept(byte[] head) {
        return detect(head).filter(accepted::contains);
    }

    /** What the site accepts, for people: "PNG, JPEG, GIF or WebP images, or PDF documents". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        List<String> images = accepted.stream().filter(MediaKind::isImage).map(MediaKind::label).toList();
        if (!images.isEmpty()) {
            parts.add(or(images) + " images");
        }
        if (accepted.contains(MediaKind.PDF)) {
            parts.add("PDF documents");
        }
        return String.join(", or ", parts);
    }

    private static String or(List<String> words) {
        return words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] signature) {
        return bytes.length >= offset + signature.length
                && Arrays.equals(bytes, offset, offset + signature.length, signature, 0, signature.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
