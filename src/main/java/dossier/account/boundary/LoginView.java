package dossier.account.boundary;

import dossier.site.control.View;

/** The login form, with the name typed and the reason a login failed ("" for none), and where to go after it. */
public record LoginView(String returnTo, String username, String error) implements View {

    @Override
    public String template() {
        return "login.jte";
    }
}
