package dossier.site.boundary;

import dossier.site.control.AdminPanel;
import dossier.site.control.View;

import java.util.List;

/** The administrators' overview: every part of the site, in order, with what needs attention first in each. */
public record AdminView(List<AdminPanel.State> parts) implements View {

    public long needingAttention() {
        return parts.stream().filter(p -> !p.attention().isEmpty()).count();
    }

    @Override
    public String template() {
        return "admin.jte";
    }
}
