package dossier.site.control;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The one rule for "is this request someone's own?", which decides whether a page may come from, or go into, the
 * copy kept for every reader (and be cached by shared caches). A request is personal when it carries any
 * {@code Authorization} header (a token, valid or not), any session cookie (a live session or an expired one), or
 * when the container already knows a caller. Everything else is anonymous: all such readers see the same page.
 */
public final class PersonalRequest {

    private PersonalRequest() {
    }

    public static boolean is(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || request.getRequestedSessionId() != null
                || request.getSession(false) != null || request.getUserPrincipal() != null;
    }
}
