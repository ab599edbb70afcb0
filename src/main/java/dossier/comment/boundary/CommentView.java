package dossier.comment.boundary;

import java.time.Instant;

/** One comment as a page or the API shows it; {@code html} is sanitized rendering, or null when not shown. */
public record CommentView(long id, Long parentId, String author, String html, Instant created, Instant edited,
                          String status, int indent, String inReplyTo, boolean outdated, boolean mine,
                          java.util.List<String> earlierTexts) {

    /** Written from an account deleted since: no profile to link to, nobody to ban. */
    public boolean byDeletedAccount() {
        return dossier.account.entity.Account.DELETED_NAME.equals(author);
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
