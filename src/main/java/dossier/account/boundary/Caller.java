package dossier.account.boundary;

import dossier.account.entity.Account;
import dossier.site.control.CsrfTokens;
import dossier.site.control.Navigation;
import dossier.site.control.Viewer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * Who is asking, for this one request: the account behind the session or the token (if any), how it was
 * authenticated, and the CSRF token for the page's forms.
 */
@RequestScoped
public class Caller implements Viewer {

    /** Session attributes of a logged-in caller: who, and since when (for "log out everywhere"). */
    static final String USERNAME = "dossier.username";
    static final String LOGGED_IN_AT = "dossier.logged-in-at";
    /** Request attributes: authenticated by a token; the account the authentication mechanism read. */
    static final String BY_TOKEN = "dossier.by-token";
    static final String ACCOUNT = "dossier.account";

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "dossier.trusted-proxies", defaultValue = "none")
    String trustedProxies;

    @Inject
    SecurityContext security;

    @Inject
    HttpServletRequest request;

    @Inject
    Accounts accounts;

    @Inject
    Navigation navigation;

    private Optional<Account> account;

    public Optional<Account> account() {
        if (account == null) {
            Principal principal = security.getCallerPrincipal();
            // The authentication mechanism has just read the account (for its roles): no second query for it.
            Object known = request.getAttribute(ACCOUNT);
            account = principal == null ? Optional.empty()
                    : known instanceof Account a && a.username().equals(principal.getName()) ? Optional.of(a)
                    : accounts.byUsername(principal.getName());
        }
        return account;
    }

    /** The site's links for the masthead, the same for every caller. */
    @Override
    public List<Navigation.Link> navigation() {
        return navigation.links();
    }

    @Override
    public boolean isLoggedIn() {
        return account().isPresent();
    }

    @Override
    public String username() {
        return account().map(Account::username).orElse(null);
    }

    @Override
    public boolean isEditor() {
        return account().map(Account::isEditor).orElse(false);
    }

    /** The account of a caller whom a resource method's {@code @RolesAllowed} let in: always there. */
    public Account me() {
        return account().orElseThrow(() -> new IllegalStateException("no caller: the method needs @RolesAllowed"));
    }

    @Override
    public boolean isAdmin() {
        return account().map(Account::isAdmin).orElse(false);
    }

    /** Whether this request's caller has this group ({@link dossier.site.control.Roles}), as {@code @RolesAllowed} asks. */
    public boolean hasRole(String role) {
        return request.isUserInRole(role);
    }

    @Inject
    EmailVerifications verifications;

    @Inject
    SignInMethods methods;

    @Override
    public boolean registrationOpen() {
        return methods.localAccounts();
    }

    /** Logged in, but no discussion until the account's address is confirmed (when the site requires it). */
    public boolean awaitsVerification() {
        return account().map(a -> a.awaitsVerification(verifications.required())).orElse(false);
    }

    /** What a page says after the account page (or a deletion) redirected to it, by the word in {@code ?notice=}. */
    private static final java.util.Map<String, String> NOTICES = java.util.Map.of(
            "password-changed", "Your password is changed. Every other session of your account has ended.",
            "email-link-sent", "We mailed a link to the new address: your address changes when you open it. Your old address got a notice.",
            "name-saved", "Your display name is saved.",
            "account-deleted", "Your account is deleted. Thank you for reading and taking part.");

    @Override
    public String notice() {
        // From the query string alone: a form's body is the resource's to read.
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("notice=") && NOTICES.containsKey(pair.substring(7))) {
                return NOTICES.get(pair.substring(7));
            }
        }
        return null;
    }

    /** The address of this page, for "log in and come back here" links. */
    @Override
    public String here() {
        String query = request.getQueryString();
        String path = request.getRequestURI() + (query == null ? "" : "?" + query);
        return path.startsWith("/login") || path.startsWith("/register") ? "/" : path;
    }

    /** The address asked for, path and query, as the page cache keeps pages under it. */
    public String address() {
        return dossier.site.control.PageCache.key(request);
    }

    @Override
    public boolean hasSession() {
        return request.getSession(false) != null;
    }

    /** Whether this request is someone's own ({@link dossier.site.control.PersonalRequest}): never a shared page. */
    public boolean isPersonal() {
        return dossier.site.control.PersonalRequest.is(request);
    }

    /** Whether the caller was authenticated by a personal API token (then never by a session). */
    public boolean byToken() {
        return byToken(request);
    }

    public static boolean byToken(HttpServletRequest request) {
        return request.getAttribute(BY_TOKEN) != null;
    }

    @Override
    public String csrfToken() {
        return CsrfTokens.forForms(request, secure());
    }

    /** Starts the session of a caller who has just proved who they are: a new session id and a new CSRF token. */
    static HttpSession startSession(HttpServletRequest request, String username) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            request.changeSessionId();
        } else {
            session = request.getSession(true);
        }
        CsrfTokens.renew(session);
        session.setAttribute(USERNAME, username);
        session.setAttribute(LOGGED_IN_AT, System.currentTimeMillis());
        return session;
    }

    /**
     * Keeps the caller's own session after every session of the account was ended at {@code endedAtMs} (a password
     * change): a new session id and CSRF token, begun after that instant, so that it alone holds.
     */
    static void continueSession(HttpServletRequest request, String username, long endedAtMs) {
        HttpSession session = startSession(request, username);
        session.setAttribute(LOGGED_IN_AT, Math.max(System.currentTimeMillis(), endedAtMs + 1));
    }

    private boolean secure() {
        return dossier.site.control.ClientAddress.overHttps(request.isSecure(), request.getRemoteAddr(),
                request.getHeader("X-Forwarded-Proto"), trustedProxies);
    }
}
