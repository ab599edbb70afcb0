package dossier.comment.boundary;

import dossier.account.entity.Account;
import dossier.comment.entity.Comment;
import dossier.site.control.View;

import java.util.List;

/** A reader's public page: the account and its latest comments. */
public record ReaderView(Account account, List<Comment> comments) implements View {

    @Override
    public String template() {
        return "user.jte";
    }
}
