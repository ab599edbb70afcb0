package dossier.account.boundary;

import dossier.account.entity.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Optional;

/**
 * The identity store of Jakarta Security, backed by the account table. Groups: the account's, as for a login in a
 * browser. With {@code dossier.accounts.local=false} it accepts administrators' passwords alone.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @Inject
    Accounts accounts;

    @Inject
    EmailVerifications verifications;

    @Inject
    SignInMethods methods;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential up)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        // With local accounts off, only administrators log in with a local password (the break-glass login).
        Optional<Account> account = accounts.verify(up.getCaller(), up.getPasswordAsString())
                .filter(a -> methods.localAccounts() || a.isAdmin());
        return account.map(a -> new CredentialValidationResult(a.username(), a.groups(true, verifications.required())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
