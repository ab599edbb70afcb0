package dossier.comment.boundary;

import dossier.audit.entity.AuditEntry;
import dossier.comment.entity.Comment;
import dossier.comment.entity.Report;
import dossier.markdown.control.MarkdownRenderer;
import dossier.site.control.View;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The moderators' queue: comments held for approval, open reports, the latest moderation actions, and the
 * sanitized HTML of each comment listed, by its id.
 */
public record ModerationView(List<Comment> pending, List<Report> reports, List<AuditEntry> audit,
                             Map<Long, String> bodies) implements View {

    static ModerationView of(List<Comment> pending, List<Report> reports, List<AuditEntry> audit,
                             MarkdownRenderer renderer) {
        Map<Long, String> bodies = new HashMap<>();
        pending.forEach(c -> bodies.put(c.id(), CommentSection.html(c, renderer)));
        reports.forEach(r -> bodies.put(r.comment().id(), CommentSection.html(r.comment(), renderer)));
        return new ModerationView(pending, reports, audit, bodies);
    }

    /** The comment's sanitized HTML, as its discussion shows it. */
    public String body(Comment comment) {
        return bodies.get(comment.id());
    }

    @Override
    public String template() {
        return "moderation.jte";
    }
}
