package dossier.comment.boundary;

import dossier.site.control.View;

/** The form that reports a comment to the moderators, with the reason as typed and why a report was refused. */
public record CommentReportView(long id, String slug, String reason, String error) implements View {

    @Override
    public String template() {
        return "comment-report.jte";
    }
}
