package dossier.article.boundary;

import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

/** The front page: the latest published articles, newest first. */
@Path("/")
@RequestScoped
public class HomePage {

    static final int PAGE_SIZE = 20;

    @Inject
    Articles articles;

    @Inject
    Templates templates;

    @Inject
    ArticlePages pages;

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public String home(@QueryParam("page") @DefaultValue("1") int page) {
        return pages.cached(() -> {
            Articles.Slice slice = articles.latest(page, PAGE_SIZE, Instant.now());
            return templates.render(new HomeView(pages.listing(slice, "/")));
        });
    }
}
