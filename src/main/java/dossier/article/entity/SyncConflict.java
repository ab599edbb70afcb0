package dossier.article.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A content file that changed on disk while its article had edits from the browser or the API: the file is
 * not imported, the browser's version stays live, and an editor decides which one wins.
 */
@Entity
@Table(name = "sync_conflict")
public class SyncConflict {

    @Id
    @Column(name = "article_id")
    private Long articleId;

    @MapsId
    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "article_id")
    private Article article;

    @Column(name = "source_path", nullable = false, length = 1000)
    private String sourcePath;

    @Column(name = "file_hash", nullable = false, length = 64)
    private String fileHash;

    @Column(name = "detected_at", nullable = false)
    private Instant detectedAt;

    protected SyncConflict() {
    }

    public SyncConflict(Article article, String sourcePath, String fileHash, Instant at) {
        this.article = article;
        this.sourcePath = sourcePath;
        this.fileHash = fileHash;
        this.detectedAt = at;
    }

    public void seen(String path, String hash, Instant at) {
        this.sourcePath = path;
        this.fileHash = hash;
        this.detectedAt = at;
    }

    public Article article() { return article; }
    public String sourcePath() { return sourcePath; }
    public String fileHash() { return fileHash; }
    public Instant detectedAt() { return detectedAt; }
}
