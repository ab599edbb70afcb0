package dossier.account.boundary;

import dossier.site.control.View;

/** The page of an e-mail confirmation link: its state, the link's token, where to go after, the resend offer. */
public record VerificationView(String state, String token, String returnTo, String email, boolean mayResend) implements View {

    @Override
    public String template() {
        return "email-verification.jte";
    }
}
