package dossier.search.boundary;

import dossier.search.control.SearchHit;
import dossier.search.control.SearchQuery;
import dossier.search.control.SearchResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Search for scripts and the search box: {@code {"total":N,"hits":[{"slug","title","snippet","score","tags"}]}}. */
@Path("api/search")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    public record Hit(String slug, String title, String snippet, float score, List<String> tags, String published,
                      boolean inDiscussion) {
        static Hit of(SearchHit h) {
            return new Hit(h.slug(), h.title(), h.snippetHtml(), h.score(), h.tags(),
                    h.published() == null ? null : h.published().toString(), h.inDiscussion());
        }
    }

    public record Answer(long total, List<Hit> hits, boolean relaxed, String suggestion) {
    }

    public record Suggestion(String slug, String title) {
    }

    @Inject
    SearchIndex index;

    @GET
    public Answer search(@QueryParam("q") @DefaultValue("") String q, @QueryParam("tag") String tag,
                         @QueryParam("limit") @DefaultValue("10") int limit, @QueryParam("offset") @DefaultValue("0") int offset,
                         @QueryParam("sort") @DefaultValue("relevance") String sort) {
        int size = Math.max(1, Math.min(limit, SearchQuery.MAX_SIZE));
        // Offsets past the result window all land on the empty page after it (see SearchQuery).
        int skip = Math.min(Math.max(0, offset), SearchQuery.MAX_RESULT_WINDOW);
        String text = q.length() > SearchPages.MAX_QUERY ? q.substring(0, SearchPages.MAX_QUERY) : q;
        // Pages of the index are whole pages of 'size'; an offset inside a page takes the page that holds it.
        SearchResult result = index.search(new SearchQuery(text, tag == null || tag.isBlank() ? null : tag,
                skip / size + 1, size, "date".equals(sort) ? SearchQuery.Sort.DATE : SearchQuery.Sort.RELEVANCE));
        return new Answer(result.total(), result.hits().stream().map(Hit::of).toList(), result.relaxed(), result.suggestion());
    }

    @GET
    @Path("suggest")
    public List<Suggestion> suggest(@QueryParam("q") @DefaultValue("") String q) {
        if (q.isBlank() || q.length() > 100) {
            return List.of();
        }
        return index.suggest(q, 8).stream().map(h -> new Suggestion(h.slug(), h.title())).toList();
    }
}
