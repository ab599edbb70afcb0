package dossier.search.control;

import java.time.Instant;
import java.util.List;

/**
 * One article in a result list. {@code snippetHtml} is ready to put into a page as it is: every character of the
 * article's text in it is HTML-escaped, and only the {@code <mark>} elements around matched words are markup.
 * It is {@code null} for title suggestions. {@code inDiscussion} says the words were found in the readers'
 * comments under the article, not in the article itself, and the snippet comes from there. {@code published} is {@code null} when the article has no date.
 */
public record SearchHit(String slug, String title, String snippetHtml, float score, List<String> tags,
                        Instant published, boolean inDiscussion) {
}
