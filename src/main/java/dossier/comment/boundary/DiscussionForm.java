package dossier.comment.boundary;

import jakarta.enterprise.context.RequestScoped;

/**
 * A reader's comment that was refused, for this one request: the article page shows the discussion again with
 * the text kept in its form and the reason.
 */
@RequestScoped
public class DiscussionForm {

    private String draft;
    private Long parent;
    private String error;

    void refused(String draft, Long parent, String error) {
        this.draft = draft;
        this.parent = parent;
        this.error = error;
    }

    String draft() {
        return draft;
    }

    Long parent() {
        return parent;
    }

    String error() {
        return error;
    }
}
