package dossier.account.boundary;

import dossier.account.entity.Account;
import dossier.site.control.Navigation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Who is asking, for this one request: the account behind the session or the token (if any), how it was
 * authenticated, and the CSRF token for the page's forms.
 */
@RequestScoped
public class Caller {

    static final String CSRF = "dossier.csrf";
    /** Session attributes of a logged-in caller: who, and since when (for "log out everywhere"). */
    static final String USERNAME = "dossier.username";
    static final String LOGGED_IN_AT = "dossier.logged-in-at";
    /** Request attributes: authenticated by a token; the form token of this page; its new cookie; token checked. */
    public static final String BY_TOKEN = "dossier.by-token";
    public static final String FORM_TOKEN = "dossier.form-token";
    public static final String FORM_COOKIE = "dossier.form-cookie";
    public static final String VERIFIED = "dossier.csrf-verified";
    static final String ACCOUNT = "dossier.account";
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

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
    public List<Navigation.Link> navigation() {
        return navigation.links();
    }

    public boolean isLoggedIn() {
        return account().isPresent();
    }

    public String username() {
        return account().map(Account::username).orElse(null);
    }

    public boolean isEditor() {
        return account().map(Account::isEditor).orElse(false);
    }

    /**
     * For pages of editors and administrators: an anonymous visitor is sent to log in (and back here), a
     * reader is refused with 403 and this reason.
     */
    public Account requireEditor(String refusal) {
        if (!isLoggedIn()) {
            String back = "GET".equals(request.getMethod()) ? here() : "/";
            throw new jakarta.ws.rs.WebApplicationException(jakarta.ws.rs.core.Response.seeOther(java.net.URI.create(
                    "/login?return=" + java.net.URLEncoder.encode(back, java.nio.charset.StandardCharsets.UTF_8))).build());
        }
        if (!isEditor()) {
            throw new jakarta.ws.rs.ForbiddenException(refusal);
        }
        return account().orElseThrow();
    }

    public boolean isAdmin() {
        return account().map(Account::isAdmin).orElse(false);
    }

    public boolean isBanned() {
        return account().map(Account::isBanned).orElse(false);
    }

    /** The address of this page, for "log in and come back here" links. */
    public String here() {
        String query = request.getQueryString();
        String path = request.getRequestURI() + (query == null ? "" : "?" + query);
        return path.startsWith("/login") || path.startsWith("/register") ? "/" : path;
    }

    /** The address asked for, path and query, as the page cache keeps pages under it. */
    public String address() {
        return dossier.site.control.PageCache.key(request);
    }

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

    /**
     * For the caller's own account pages (tokens, sessions): a script with a token must not manage the account
     * that made the token, so a request authenticated by a token is refused there.
     */
    public void refuseTokens() {
        if (byToken()) {
            throw new jakarta.ws.rs.ForbiddenException("A personal API token does not manage its account: log in with the browser.");
        }
    }

    /**
     * The token for this page's forms. With a session: the session's own token (sessions begin at login, with a
     * new one). Without: a session-less token for the login and registration forms, sent both in the form and in
     * a strict cookie; a POST must bring both, equal (double submit), which a forged cross-site form cannot. No
     * session is made for a visitor who merely looks at a form.
     */
    public String csrfToken() {
        HttpSession session = request.getSession(false);
        if (session != null) {
            Object token = session.getAttribute(CSRF);
            if (token == null) {
                token = newToken();
                session.setAttribute(CSRF, token);
            }
            return (String) token;
        }
        Object issued = request.getAttribute(FORM_TOKEN);
        if (issued == null) {
            String cookie = cookieToken(request, secure());
            issued = cookie == null ? newToken() : cookie;
            request.setAttribute(FORM_TOKEN, issued);
            if (cookie == null) {
                request.setAttribute(FORM_COOKIE, formCookie((String) issued, secure()));
            }
        }
        return (String) issued;
    }

    /** Starts the session of a caller who has just proved who they are: a new session id and a new CSRF token. */
    static HttpSession startSession(HttpServletRequest request, String username) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            request.changeSessionId();
        } else {
            session = request.getSession(true);
        }
        session.setAttribute(CSRF, newToken());
        session.setAttribute(USERNAME, username);
        session.setAttribute(LOGGED_IN_AT, System.currentTimeMillis());
        return session;
    }

    private boolean secure() {
        return dossier.site.control.ClientAddress.overHttps(request.isSecure(), request.getRemoteAddr(),
                request.getHeader("X-Forwarded-Proto"), trustedProxies);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The session-less form token's cookie: {@code __Host-} over HTTPS, so no other host can set it. */
    public static String cookieName(boolean secure) {
        return secure ? "__Host-dossier-csrf" : "dossier-csrf";
    }

    static String formCookie(String token, boolean secure) {
        return cookieName(secure) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The session-less token this visitor's browser holds, or null. */
    public static String cookieToken(HttpServletRequest request, boolean secure) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (jakarta.servlet.http.Cookie cookie : cookies) {
                if (cookie.getName().equals(cookieName(secure)) && TOKEN.matcher(cookie.getValue()).matches()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** The token of the existing session, or null: checking a token never creates a session. */
    public static String sessionToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(CSRF);
    }

    /** Whether the CSRF filter found this request's token right; only such a request may start a session. */
    public static boolean formVerified(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(VERIFIED));
    }
}
