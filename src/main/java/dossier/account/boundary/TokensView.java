package dossier.account.boundary;

import dossier.account.entity.ApiToken;
import dossier.site.control.View;

import java.util.List;

/** The caller's personal API tokens, the one just created in clear ("" for none), and why a creation was refused. */
public record TokensView(List<ApiToken> tokens, String created, String error) implements View {

    @Override
    public String template() {
        return "tokens.jte";
    }
}
