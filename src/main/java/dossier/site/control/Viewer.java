package dossier.site.control;

import java.util.List;

/**
 * Who is looking at a page, as every page's masthead and forms need it. The account component says who that
 * is; the site's templates only show it.
 */
public interface Viewer {

    boolean isLoggedIn();

    /** The name of the logged-in account, or null. */
    String username();

    /** Editors and administrators. */
    boolean isEditor();

    boolean isAdmin();

    boolean hasSession();

    /** The address of this page, for "log in and come back here" links. */
    String here();

    /** The token for this page's forms ({@link CsrfTokens}). */
    String csrfToken();

    /** The site's links for the masthead, the same for every viewer. */
    List<Navigation.Link> navigation();

    /**
     * What the page tells after a change that redirected here ({@code ?notice=…}, one of a fixed set of words, never
     * text from the address), or null.
     */
    default String notice() {
        return null;
    }

    /** Whether readers may register here (not when they sign in only with their organization's identity). */
    default boolean registrationOpen() {
        return true;
    }
}
