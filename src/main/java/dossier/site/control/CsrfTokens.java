package dossier.site.control;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The one home of the CSRF tokens: a logged-in caller's session holds its token; a visitor without a session
 * (the login and registration forms) gets a session-less token sent both in the form and in a strict cookie
 * (double submit), which a forged cross-site form cannot bring. The filter checks them, pages print them.
 */
public final class CsrfTokens {

    /** Session attribute: the session's token (a new one at every login). */
    public static final String SESSION = "dossier.csrf";
    /** Request attributes: the form token of this page; its new cookie; the request's token was found right. */
    public static final String FORM_TOKEN = "dossier.form-token";
    public static final String FORM_COOKIE = "dossier.form-cookie";
    public static final String VERIFIED = "dossier.csrf-verified";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {
    }

    /**
     * The token for this page's forms: the session's own, or (without a session) a session-less one, kept in a
     * cookie that this response sets when the browser has none. No session is made for a visitor who merely
     * looks at a form.
     */
    public static String forForms(HttpServletRequest request, boolean secure) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            Object token = session.getAttribute(SESSION);
            if (token == null) {
                token = newToken();
                session.setAttribute(SESSION, token);
            }
            return (String) token;
        }
        Object issued = request.getAttribute(FORM_TOKEN);
        if (issued == null) {
            String cookie = cookieToken(request, secure);
            issued = cookie == null ? newToken() : cookie;
            request.setAttribute(FORM_TOKEN, issued);
            if (cookie == null) {
                request.setAttribute(FORM_COOKIE, formCookie((String) issued, secure));
            }
        }
        return (String) issued;
    }

    /** A session that begins now gets a token of its own. */
    public static void renew(HttpSession session) {
        session.setAttribute(SESSION, newToken());
    }

    static String newToken() {
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
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
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
        return session == null ? null : (String) session.getAttribute(SESSION);
    }

    /** Whether the CSRF filter found this request's token right; only such a request may start a session. */
    public static boolean formVerified(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(VERIFIED));
    }
}
