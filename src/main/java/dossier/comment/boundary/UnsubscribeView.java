package dossier.comment.boundary;

import dossier.site.control.View;

/**
 * The page of an unsubscribe link: {@code confirm} (one button), {@code done} or {@code invalid}; the token for the
 * button; whether the link stops every notification or following one article (its title); and, for an invalid
 * link, whether it had the right form at all (else it was cut off on its way).
 */
public record UnsubscribeView(String state, String token, boolean everything, String articleTitle, boolean wellFormed)
        implements View {

    @Override
    public String template() {
        return "unsubscribe.jte";
    }
}
