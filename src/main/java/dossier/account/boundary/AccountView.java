package dossier.account.boundary;

import dossier.site.control.View;

import java.util.Map;

/**
 * The caller's own account page: who they are, and the forms that change it. After a refusal, {@code errors} holds
 * each wrong field's problem under {@code <form>.<field>} ({@code password.current}, {@code email.email}, …) and
 * {@code values} what the reader typed (never a password), so that the form comes back filled.
 */
public record AccountView(String username, String email, String displayName, boolean emailVerified,
                          Map<String, String> errors, Map<String, String> values) implements View {

    @Override
    public String template() {
        return "account.jte";
    }

    public String error(String key) {
        return errors.get(key);
    }

    public boolean has(String key) {
        return errors.containsKey(key);
    }

    /** What the reader typed into this field, else the account's value. */
    public String value(String key, String otherwise) {
        return values.getOrDefault(key, otherwise == null ? "" : otherwise);
    }
}
