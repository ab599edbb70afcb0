package dossier.account.boundary;

import dossier.site.control.View;

/**
 * The forgotten-password page: {@code form} (ask for the address), {@code sent} (the same answer whether an account
 * has the address or not), {@code limited} (too many requests), or {@code no-mail} (no mail server: ask an
 * administrator); the address typed and why it was refused, to show the form again.
 */
public record ForgotView(String state, String email, String error, int minutes) implements View {

    @Override
    public String template() {
        return "forgot.jte";
    }
}
