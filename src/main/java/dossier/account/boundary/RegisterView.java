package dossier.account.boundary;

import dossier.site.control.View;

import java.util.Map;

/**
 * The registration form, kept filled after a refusal with each field's problem; with a setup token ("" for none) it
 * creates the first administrator.
 */
public record RegisterView(String returnTo, String username, String email, Map<String, String> problems,
                           String setupToken) implements View {

    @Override
    public String template() {
        return "register.jte";
    }
}
