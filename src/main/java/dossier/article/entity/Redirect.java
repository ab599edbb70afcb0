package dossier.article.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A slug an article had before a rename. It points at the article, not at the next slug, so a chain of
 * renames is always one hop to the current address.
 */
@Entity
@Table(name = "article_redirect")
public class Redirect {

    @Id
    @Column(name = "old_slug", length = 200)
    private String oldSlug;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "article_id")
    private Article article;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Redirect() {
    }

    public Redirect(String oldSlug, Article article, Instant at) {
        this.oldSlug = oldSlug;
        this.article = article;
        this.createdAt = at;
    }

    public String oldSlug() { return oldSlug; }
    public Article article() { return article; }
    public Instant createdAt() { return createdAt; }
}
