package dossier.comment.boundary;

import java.time.Instant;

/**
 * One comment as a page or the API shows it; {@code html} is sanitized rendering, or null when not shown. {@code author}
 * is the author's username (for links to their page; null once the account is deleted), {@code byline} how the author
 * is shown ({@link dossier.account.entity.Account#byline()}).
 */
public record CommentView(long id, Long parentId, String author, String byline, String html, Instant created, Instant edited,
                          String status, int indent, String inReplyTo, boolean outdated, boolean mine,
                          java.util.List<String> earlierTexts) {

    /** Written from an account deleted since: no profile to link to, nobody to ban. */
    public boolean byDeletedAccount() {
        return author == null;
    }

    public boolean isPending() {
        return "PENDING".equals(status);
    }

    public boolean isVisible() {
        return "VISIBLE".equals(status);
    }

    public boolean isDeleted() {
        return "DELETED".equals(status);
    }

    public boolean isHidden() {
        return "HIDDEN".equals(status);
    }
}
