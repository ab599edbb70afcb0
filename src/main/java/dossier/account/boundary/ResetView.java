package dossier.account.boundary;

import dossier.site.control.View;

/**
 * The page of a password reset link: {@code form} (the token in a hidden field, and why a new password was refused,
 * "" for none), or {@code used}, {@code expired} or {@code unknown} with the way to a new link.
 */
public record ResetView(String state, String token, String error) implements View {

    @Override
    public String template() {
        return "reset.jte";
    }
}
