package dossier.search.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.account.boundary.Caller;
import dossier.search.control.SearchQuery;
import dossier.search.control.SearchResult;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** The search page, and the administrators' view of the index. */
@Path("")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class SearchPages {

    static final int PAGE_SIZE = 10;
    /** Longer queries are cut: the index bounds its own cost too, this keeps the page and its links sane. */
    static final int MAX_QUERY = 500;

    @Inject
    SearchIndex index;

    @Inject
    dossier.article.boundary.ContentImport contentImport;

    @Inject
    Caller caller;

    @Inject
    Templates templates;

    @Inject
    dossier.article.boundary.ArticlePages pages;

    @GET
    @Path("search")
    public String search(@QueryParam("q") @DefaultValue("") String q, @QueryParam("tag") String tag,
                        @QueryParam("page") @DefaultValue("1") int page, @QueryParam("sort") @DefaultValue("relevance") String sort) {
        // Readers without a session share result pages, kept until the index takes in a change.
        return pages.cached(() -> render(q, tag, page, sort));
    }

    private String render(String q, String tag, int page, String sort) {
        String text = q.length() > MAX_QUERY ? q.substring(0, MAX_QUERY) : q;
        String tagFilter = tag == null || tag.isBlank() ? null : tag;
        boolean byDate = "date".equals(sort);
        SearchQuery query = new SearchQuery(text, tagFilter, page, PAGE_SIZE, byDate ? SearchQuery.Sort.DATE : SearchQuery.Sort.RELEVANCE);
        SearchResult result = text.isBlank() && tagFilter == null ? null : index.search(query);
        // The page is the query's, clamped, so that the pager's page + 1 cannot overflow.
        return templates.render(new SearchView(text, tagFilter == null ? "" : tagFilter, byDate, query.page(), PAGE_SIZE,
                result));
    }

    @RolesAllowed(Roles.ADMIN)
    @GET
    @Path("admin/search")
    public String admin() {
        return templates.render(SearchAdminView.of(index.status(), contentImport.progress()));
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("admin/search/rebuild")
    public Response rebuild() {
        index.rebuildInBackground();
        return Response.seeOther(URI.create("/admin/search")).build();
    }
}
