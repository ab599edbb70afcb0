package dossier.account.boundary;

import dossier.account.entity.Account;
import dossier.site.control.View;

import java.util.List;

/**
 * Accounts for administrators: those found for {@code query} (a prefix of the username or address) on
 * {@code page}, whether there are more, a notice after an action ("" for none), a reset link to pass on ("" for
 * none), the account whose deletion waits for confirmation ("" for none), and who is looking.
 */
public record AdminUsersView(String query, int page, List<Account> accounts, boolean hasMore, String notice, String link,
                             String confirmDelete, String me) implements View {

    @Override
    public String template() {
        return "admin-users.jte";
    }

    /** The address of this list again, for the forms' way back. */
    public String back() {
        return "/admin/users?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8)
                + (page > 1 ? "&page=" + page : "");
    }
}
