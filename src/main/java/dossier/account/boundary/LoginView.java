package dossier.account.boundary;

import dossier.site.control.View;

/**
 * The login form, with the name typed, the reason a login failed ("" for none), a notice such as "your new password
 * is set" ("" for none), where to go after it, and which ways to sign in the page offers.
 */
public record LoginView(String returnTo, String username, String error, String notice, SignInMethods.Shown methods) implements View {

    @Override
    public String template() {
        return "login.jte";
    }
}
