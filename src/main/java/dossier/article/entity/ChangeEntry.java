package dossier.article.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One line of the change log: an article that changed (its id) or an address that no longer has an article
 * (its slug). Written by plain SQL so that the database numbers it; read through JPA.
 */
@Entity
@Table(name = "change_log")
@NamedQuery(name = ChangeEntry.AFTER, query = "select e from ChangeEntry e where e.id > :after order by e.id")
@NamedQuery(name = ChangeEntry.WITH_IDS, query = "select e from ChangeEntry e where e.id in :ids order by e.id")
public class ChangeEntry {

    public static final String AFTER = "ChangeEntry.after";
    public static final String WITH_IDS = "ChangeEntry.withIds";

    @Id
    private Long id;

    @Column(name = "article_id")
    private Long articleId;

    @Column(length = 200)
    private String slug;

    @Column(name = "created_ms", nullable = false)
    private long createdMillis;

    /** Only the text of the article's discussion changed: its lists and counts did not. */
    @Column(name = "discussion_text", nullable = false)
    private boolean discussionText;

    protected ChangeEntry() {
    }

    public long id() { return id; }
    public Long articleId() { return articleId; }
    public String slug() { return slug; }
    public long createdMillis() { return createdMillis; }
    public boolean discussionText() { return discussionText; }
}
