package dossier.account.control;

import java.util.Objects;
import java.util.Set;

/**
 * A person as an outside provider vouches for them, once it has checked them (a directory bound with their password,
 * an OpenID provider's signed ID token): the provider's id ({@code ldap}, {@code oidc}), the subject it knows them
 * by, the username they prefer, their display name and e-mail address (empty when the provider gives none), whether
 * the provider says it checked that address, and the groups it puts them in.
 */
public record VerifiedIdentity(String provider, String subject, String preferredUsername, String displayName, String email,
                               boolean emailVerified, Set<String> groups) {

    public VerifiedIdentity {
        Objects.requireNonNull(provider);
        Objects.requireNonNull(subject);
        preferredUsername = preferredUsername == null ? "" : preferredUsername;
        displayName = displayName == null ? "" : displayName;
        email = email == null ? "" : email.strip();
        groups = Set.copyOf(groups);
    }
}
