package dossier.account.control;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of a provider's groups make an editor and which an administrator, as an operator configures them
 * ({@code dossier.ldap.editor-groups}, {@code dossier.oidc.admin-groups}: names separated by commas, or by
 * semicolons when one is there, so that a directory group may also be named by its whole DN; compared without regard
 * to case). A role whose groups are not configured is not the provider's to give or take: it stays
 * as administrators set it at {@code /admin/users}.
 */
public record GroupRoles(Set<String> editorGroups, Set<String> adminGroups) {

    public GroupRoles {
        editorGroups = lower(editorGroups);
        adminGroups = lower(adminGroups);
    }

    /** From the comma-separated settings (null or blank: none). */
    public static GroupRoles of(String editorGroups, String adminGroups) {
        return new GroupRoles(split(editorGroups), split(adminGroups));
    }

    public boolean governsEditors() {
        return !editorGroups.isEmpty();
    }

    public boolean governsAdmins() {
        return !adminGroups.isEmpty();
    }

    public boolean editor(Collection<String> groups) {
        return groups.stream().anyMatch(g -> editorGroups.contains(g.toLowerCase(Locale.ROOT)));
    }

    public boolean admin(Collection<String> groups) {
        return groups.stream().anyMatch(g -> adminGroups.contains(g.toLowerCase(Locale.ROOT)));
    }

    private static Set<String> split(String setting) {
        return setting == null ? Set.of() : Arrays.stream(setting.split(setting.contains(";") ? ";" : ",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> lower(Set<String> groups) {
        return groups.stream().map(g -> g.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
