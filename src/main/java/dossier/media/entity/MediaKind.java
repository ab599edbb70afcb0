package dossier.media.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of file the site can take: images a browser shows and PDF documents. Deliberately no SVG (an SVG
 * image is a document that can carry script) and nothing else a browser would render as a page.
 */
public enum MediaKind {

    PNG("image/png", "png", "PNG"),
    JPEG("image/jpeg", "jpg", "JPEG"),
    GIF("image/gif", "gif", "GIF"),
    WEBP("image/webp", "webp", "WebP"),
    PDF("application/pdf", "pdf", "PDF");

    private final String type;
    private final String extension;
    private final String label;

    MediaKind(String type, String extension, String label) {
        this.type = type;
        this.extension = extension;
        this.label = label;
    }

    public static Optional<MediaKind> ofType(String type) {
        return Arrays.stream(values()).filter(k -> k.type.equalsIgnoreCase(type.strip())).findFirst();
    }

    /** The media type it is served with. */
    public String type() {
        return type;
    }

    /** The file name extension it is stored and addressed with. */
    public String extension() {
        return extension;
    }

    /** How people call it: "PNG", "WebP". */
    public String label() {
        return label;
    }

    public boolean isImage() {
        return type.startsWith("image/");
    }
}
