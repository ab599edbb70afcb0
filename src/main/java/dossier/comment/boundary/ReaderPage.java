package dossier.comment.boundary;

import dossier.account.boundary.Accounts;
import dossier.account.entity.Account;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A reader's public page: who they are and what they said lately. */
@Path("")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class ReaderPage {

    static final int RECENT_COMMENTS = 50;

    @Inject
    Accounts accounts;

    @Inject
    Comments comments;

    @Inject
    Templates templates;

    @GET
    @Path("users/{name}")
    public String user(@PathParam("name") String name) {
        Account account = accounts.byUsername(name).filter(a -> !a.isDeleted()).orElseThrow(NotFoundException::new);
        return templates.render(new ReaderView(account, comments.by(account, RECENT_COMMENTS)));
    }
}
