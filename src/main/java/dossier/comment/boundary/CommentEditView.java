package dossier.comment.boundary;

import dossier.site.control.View;

/** The form that changes a comment, with the text as typed and the reason a change was refused ("" for none). */
public record CommentEditView(long id, String slug, String text, String error) implements View {

    @Override
    public String template() {
        return "comment-edit.jte";
    }
}
