package dossier.comment.boundary;

import dossier.site.control.View;

import java.util.List;

/**
 * A reader's notification settings: delivery ({@code immediately}, {@code digest}, {@code never}), whether a first
 * comment follows the article, the articles followed, a notice after saving, why a change was refused, and the
 * address mails go to.
 */
public record NotificationSettingsView(String delivery, boolean followOnComment, List<Subscriptions.Followed> followed,
                                       String notice, String error, String email) implements View {

    @Override
    public String template() {
        return "notification-settings.jte";
    }
}
