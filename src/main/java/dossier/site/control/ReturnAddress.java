package dossier.site.control;

import java.util.regex.Pattern;

/** The one check of an address to return to after a form (login, a moderation action, an upload). */
public final class ReturnAddress {

    private static final Pattern LOCAL_PATH = Pattern.compile(
            "/(?![/\\\\])([A-Za-z0-9\\-._~!$&'()*+,;=:@/?#\\[\\]]|%[0-9A-Fa-f]{2})*");

    private ReturnAddress() {
    }

    /**
     * Only a path on this site, written as a valid address: never an open redirect to another host ({@code //host},
     * {@code /\host}), nothing a header or {@code URI} cannot hold (blanks, controls, non-ASCII, a stray
     * {@code %}), nothing overlong. Anything else is the home page. Every return address goes through here.
     */
    public static String safe(String path) {
        if (path == null || path.length() > 2000 || !LOCAL_PATH.matcher(path).matches()) {
            return "/";
        }
        return path;
    }
}
