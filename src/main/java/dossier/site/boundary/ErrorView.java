package dossier.site.boundary;

import dossier.site.control.View;

/** An error as a page: its status, title and message, and the id under which it was logged. */
public record ErrorView(int status, String title, String message, String requestId) implements View {

    @Override
    public String template() {
        return "error.jte";
    }
}
