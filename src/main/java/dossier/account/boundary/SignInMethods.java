package dossier.account.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * How readers sign in here, as the operator configured it: local accounts (with their password, registration and
 * password reset) unless {@code dossier.accounts.local=false}, the organization's directory when
 * {@code dossier.ldap.url} is set (through the same login form), and a button per identity provider. With local
 * accounts off, the break-glass address {@code /login?local} still shows the form, where only administrators log in
 * with their local password (and through the directory's form, too).
 */
@ApplicationScoped
public class SignInMethods {

    /** The break-glass address of the local login form, for administrators, as the README gives it. */
    public static final String BREAK_GLASS = "/login?local";

    @Inject
    @ConfigProperty(name = "dossier.accounts.local", defaultValue = "true")
    boolean local;

    @Inject
    DirectorySignIn directory;

    /** A sign-in button above the form: "Log in with {label}", leading to {@code href}. */
    public record Button(String label, String href) {}

    /**
     * What the login page shows: the form (with the directory's wording when it checks the directory), whether it
     * is the administrators' break-glass form (local passwords only, the directory left out), registration, and the
     * buttons.
     */
    public record Shown(boolean form, boolean directory, boolean adminsOnly, boolean register, List<Button> buttons) {}

    /** Whether accounts with a local password may log in with it (and readers register): administrators always may. */
    public boolean localAccounts() {
        return local;
    }

    /** Whether the login form checks names and passwords against the organization's directory first. */
    public boolean directory() {
        return directory.configured();
    }

    @Inject
    OpenIdProvider openId;

    /** The providers' buttons, above the form: the OpenID provider's, when one is configured. */
    public List<Button> buttons() {
        return openId.configured() ? List.of(new Button(openId.label(), OidcPages.START)) : List.of();
    }

    /** The login page's parts, at {@code /login} or at the break-glass address ({@code breakGlass}). */
    public Shown shown(boolean breakGlass) {
        boolean form = local || directory() || breakGlass;
        boolean adminsOnly = breakGlass && !local;
        return new Shown(form, directory() && !adminsOnly, adminsOnly, local, buttons());
    }
}
