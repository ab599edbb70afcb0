package dossier.site.control;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * Who may do what, stated one way: {@code @RolesAllowed} with these groups on a resource method or its class
 * (nothing, or {@code @PermitAll}: everyone). The account component gives each request its groups; the site's
 * {@code RoleCheck} refuses a request before its resource method runs; tests read the same annotations.
 */
public final class Roles {

    /** A logged-in account in good standing (not banned): takes part in discussions. */
    public static final String READER = "reader";
    /** Editors write, publish and moderate; administrators are editors too. */
    public static final String EDITOR = "editor";
    /** Administrators also give roles, rebuild the index and make backups. */
    public static final String ADMIN = "admin";
    /**
     * Logged in with a password in a browser, banned or not: manages the account itself (its tokens, its
     * sessions). A personal API token never does.
     */
    public static final String SESSION = "session";
    /** Any logged-in account, banned or not, by session or by token (the servlet specification's {@code **}). */
    public static final String ANY_ACCOUNT = "**";

    public static final List<String> ALL = List.of(READER, EDITOR, ADMIN, SESSION);

    private Roles() {
    }

    /** The groups allowed to call this resource method, any one of them enough; empty: nobody; null: everyone. */
    public static List<String> allowed(Class<?> resource, Method method) {
        List<String> own = declared(method);
        return own != NOT_SAID ? own : declared(resource) == NOT_SAID ? null : declared(resource);
    }

    private static final List<String> NOT_SAID = List.of("not said");

    private static List<String> declared(AnnotatedElement element) {
        if (element.isAnnotationPresent(DenyAll.class)) {
            return List.of();
        }
        if (element.isAnnotationPresent(PermitAll.class)) {
            return null;
        }
        RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
        return roles == null ? NOT_SAID : Arrays.asList(roles.value());
    }

    /** What a logged-in caller without any of these groups is told. */
    public static String refusal(List<String> allowed) {
        if (allowed.contains(READER)) {
            return "Your account may not take part in discussions.";
        }
        if (allowed.contains(EDITOR)) {
            return "Only editors and administrators may do this.";
        }
        if (allowed.contains(ADMIN)) {
            return "Only administrators may do this.";
        }
        if (allowed.contains(SESSION) || allowed.contains(ANY_ACCOUNT)) {
            return "A personal API token does not manage its account: log in with the browser.";
        }
        return "Nobody may do this.";
    }
}
