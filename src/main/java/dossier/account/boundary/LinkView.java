package dossier.account.boundary;

import dossier.site.control.View;

/**
 * The page that links a sign-in through a provider to the local account with the same address: the account's
 * username, the provider, and the reason the last try failed ("" for none).
 */
public record LinkView(String username, String provider, String error) implements View {

    @Override
    public String template() {
        return "login-link.jte";
    }
}
