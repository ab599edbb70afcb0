package dossier.account.boundary;

import dossier.account.entity.Account;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** Who is asking, for this one request: the account behind the session (if any) and the session's CSRF token. */
@RequestScoped
public class Caller {

    static final String CSRF = "dossier.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SecurityContext security;

    @Inject
    HttpServletRequest request;

    @Inject
    Accounts accounts;

    private Optional<Account> account;

    public Optional<Account> account() {
        if (account == null) {
            Principal principal = security.getCallerPrincipal();
            account = principal == null ? Optional.empty() : accounts.byUsername(principal.getName());
        }
        return account;
    }

    public boolean isLoggedIn() {
        return account().isPresent();
    }

    public String username() {
        return account().map(Account::username).orElse(null);
    }

    public boolean isModerator() {
        return account().map(Account::isModerator).orElse(false);
    }

    /**
     * For pages of editors and administrators: an anonymous visitor is sent to log in (and back here), a
     * reader is refused with 403 and this reason.
     */
    public Account requireModerator(String refusal) {
        if (!isLoggedIn()) {
            String back = "GET".equals(request.getMethod()) ? here() : "/";
            throw new jakarta.ws.rs.WebApplicationException(jakarta.ws.rs.core.Response.seeOther(java.net.URI.create(
                    "/login?return=" + java.net.URLEncoder.encode(back, java.nio.charset.StandardCharsets.UTF_8))).build());
        }
        if (!isModerator()) {
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

    /** The session's token, made (with the session) on first use: forms call this, plain reading pages don't. */
    public String csrfToken() {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(CSRF);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(CSRF, token);
        }
        return (String) token;
    }

    /** The token of the existing session, or null: checking a token never creates a session. */
    public static String sessionToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(CSRF);
    }
}
