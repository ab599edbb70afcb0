package dossier.comment.boundary;

import dossier.site.control.AdminPanel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The overview's moderation queue: comments held for approval and reports not yet settled. */
@ApplicationScoped
public class ModerationPanel implements AdminPanel {

    @Inject
    Moderation moderation;

    @Override
    public int order() {
        return 20;
    }

    @Override
    public State state() {
        int held = moderation.pending().size();
        int reports = moderation.openReports().size();
        return new State("Moderation", "/admin/comments", List.of(held + " comments held for approval",
                reports + " open reports"), held + reports == 0 ? ""
                : held + " held comment(s) and " + reports + " report(s) wait for a moderator.");
    }
}
