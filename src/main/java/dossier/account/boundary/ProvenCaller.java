package dossier.account.boundary;

import jakarta.security.enterprise.credential.Credential;

/**
 * The credential of a caller whom an outside provider has just vouched for, handed to {@link SessionAuthentication}
 * by {@link ExternalSignIn} alone (the constructor is this package's): the session then begins exactly as after a
 * password login. The provider's check (a directory bind, a signed ID token with its {@code state}) stands in for
 * the login form's CSRF token.
 */
final class ProvenCaller implements Credential {

    private final String username;

    ProvenCaller(String username) {
        this.username = username;
    }

    String username() {
        return username;
    }
}
