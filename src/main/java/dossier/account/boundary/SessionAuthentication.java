package dossier.account.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The site's authentication mechanism: the login form hands its credential over through
 * {@code SecurityContext.authenticate}, and the session carries the caller from then on. Pages that need
 * a caller redirect to the login form themselves. Scripts send a personal API token as
 * {@code Authorization: Bearer …} instead; a wrong token is answered 401 at once.
 */
@ApplicationScoped
@AutoApplySession
public class SessionAuthentication implements HttpAuthenticationMechanism {

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    ApiTokens tokens;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (context.isAuthenticationRequest() && context.getAuthParameters().getCredential() != null) {
            CredentialValidationResult result = identityStores.validate(context.getAuthParameters().getCredential());
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                if (request.getSession(false) != null) {
                    request.changeSessionId();
                }
                return context.notifyContainerAboutLogin(result);
            }
            return AuthenticationStatus.SEND_FAILURE;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.authenticate(authorization.substring(7).strip())
                    .map(a -> context.notifyContainerAboutLogin(a.username(), a.roles()))
                    .orElseGet(context::responseUnauthorized);
        }
        return context.doNothing();
    }
}
