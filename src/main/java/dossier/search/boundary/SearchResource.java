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
import org.eclipse.microprofile.openapi.annotations.Operation;
import dossier.site.boundary.ApiContract;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Search for scripts and the search box: {@code {"total":N,"hits":[{"slug","title","snippet","score","tags"}]}}. */
@Path("api/search")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search", description = "Full-text search of what the caller may read.")
public class SearchResource {

    @Schema(name = "SearchHit", description = "An article found: `snippet` is HTML with the matched words in <mark>;"
            + " `inDiscussion`: the words were found in its comments.")
    public record Hit(String slug, String title, String snippet, float score, List<String> tags, String published,
                      boolean inDiscussion) {
        static Hit of(SearchHit h) {
            return new Hit(h.slug(), h.title(), h.snippetHtml(), h.score(), h.tags(),
                    h.published() == null ? null : h.published().toString(), h.inDiscussion());
        }
    }

    @Schema(name = "SearchAnswer", description = "A page of hits and how many there are in all. `relaxed`: no article"
            + " had every word, so these have some of them; `suggestion`: a spelling that finds more.")
    public record Answer(long total, List<Hit> hits, boolean relaxed, String suggestion) {
    }

    @Schema(name = "TitleSuggestion", description = "An article whose title begins with what was typed.")
    public record Suggestion(String slug, String title) {
    }

    @Inject
    SearchIndex index;

    @GET
    @Operation(operationId = "search", summary = "Search articles", description = "Titles, headings, summaries, bodies,"
            + " tags and discussions; words in quotes as a phrase, -word to leave out, tag:name to filter.")
    @APIResponse(responseCode = "200", description = "A page of hits.", content = @Content(schema = @Schema(ref = "SearchAnswer")))
    public Answer search(@Parameter(description = "The words to find (at most " + SearchPages.MAX_QUERY + " characters are read).")
                         @QueryParam("q") @DefaultValue("") String q,
                         @Parameter(description = "Only articles with this tag.") @QueryParam("tag") String tag,
                         @Parameter(description = "Hits per page, at most " + SearchQuery.MAX_SIZE + ".")
                         @QueryParam("limit") @DefaultValue("10") int limit,
                         @Parameter(description = "Hits to skip; results end after the first " + SearchQuery.MAX_RESULT_WINDOW + ".")
                         @QueryParam("offset") @DefaultValue("0") int offset,
                         @Parameter(description = "relevance or date (newest first).", schema = @Schema(type = SchemaType.STRING,
                                 enumeration = {"relevance", "date"}, defaultValue = "relevance"))
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
    @Operation(operationId = "suggestTitles", summary = "Complete a title", description = "The search box's completion:"
            + " up to 8 articles whose titles begin with what was typed.")
    @APIResponse(responseCode = "200", description = "The articles, best first; none for an empty or over-long query.",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY,
                    extensions = @Extension(name = ApiContract.ARRAY_OF, value = "TitleSuggestion"))))
    public List<Suggestion> suggest(@Parameter(description = "What was typed (at most 100 characters).")
                                    @QueryParam("q") @DefaultValue("") String q) {
        if (q.isBlank() || q.length() > 100) {
            return List.of();
        }
        return index.suggest(q, 8).stream().map(h -> new Suggestion(h.slug(), h.title())).toList();
    }
}
