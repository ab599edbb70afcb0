package dossier.media.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * An uploaded image or document, known by the SHA-256 of its content: the same bytes uploaded again are the
 * same media (and keep the name and uploader of the first time). Never changed once written.
 */
@Entity
@Table(name = "media")
public class Media {

    static final int NAME_LENGTH = 300;

    @Id
    @Column(length = 64)
    private String hash;

    @Column(name = "media_type", nullable = false, length = 100)
    private String mediaType;

    @Column(nullable = false, length = 10)
    private String extension;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "original_name", nullable = false, length = NAME_LENGTH)
    private String originalName;

    @Column(name = "uploaded_by", nullable = false, length = 32)
    private String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt;

    protected Media() {
    }

    public Media(String hash, MediaKind kind, long sizeBytes, String originalName, String uploadedBy, Instant uploadedAt) {
        this.hash = Objects.requireNonNull(hash);
        this.mediaType = kind.type();
        this.extension = kind.extension();
        this.sizeBytes = sizeBytes;
        this.originalName = cleanName(originalName, kind);
        this.uploadedBy = Objects.requireNonNull(uploadedBy);
        this.uploadedAt = Objects.requireNonNull(uploadedAt);
    }

    /**
     * A file name as a person gave it, made fit to show and to store: only the last segment of a path (some
     * browsers send {@code C:\fakepath\photo.png}), no control characters, at most 300 characters, never empty.
     */
    public static String cleanName(String name, MediaKind kind) {
        String clean = name == null ? "" : name.replaceAll("\\p{Cntrl}", "").strip();
        clean = clean.substring(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1).strip();
        if (clean.isEmpty()) {
            clean = "file." + kind.extension();
        }
        return clean.length() > NAME_LENGTH ? clean.substring(0, NAME_LENGTH) : clean;
    }

    /** The name it is stored and addressed by: {@code <sha256>.<ext>}. */
    public String fileName() {
        return hash + "." + extension;
    }

    public String url() {
        return "/media/" + fileName();
    }

    /**
     * The Markdown that shows it in an article, under a given name: an image for images (the name without its
     * extension as the alternative text), a plain link for documents.
     */
    public String markdown(String name) {
        if (kind().isImage()) {
            int dot = name.lastIndexOf('.');
            return "![" + escape(dot > 0 ? name.substring(0, dot) : name) + "](" + url() + ")";
        }
        return "[" + escape(name) + "](" + url() + ")";
    }

    /** Markdown punctuation in a name is taken literally: a name can neither close the brackets nor add markup. */
    private static String escape(String text) {
        return text.replaceAll("([\\\\\\[\\]()*_`<>!#~|])", "\\\\$1");
    }

    public MediaKind kind() {
        return MediaKind.ofType(mediaType).orElseThrow();
    }

    public String hash() { return hash; }
    public String mediaType() { return mediaType; }
    public long sizeBytes() { return sizeBytes; }
    public String originalName() { return originalName; }
    public String uploadedBy() { return uploadedBy; }
    public Instant uploadedAt() { return uploadedAt; }
}
