package dossier.testing;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;

import java.net.http.HttpResponse;

/**
 * A page as a reader's browser sees it: the response parsed into a document, then CSS selectors on the element that
 * matters (the comment's text inside the comment list, the message inside the form's error element), so that a
 * check holds for that element and not for the same words anywhere in the markup.
 */
public final class Html {

    private Html() {
    }

    public static Document page(HttpResponse<String> response) {
        return Jsoup.parse(response.body());
    }

    public static Document page(String html) {
        return Jsoup.parse(html);
    }

    /** The elements the selector finds on the page. */
    public static Elements select(HttpResponse<String> response, String cssQuery) {
        return page(response).select(cssQuery);
    }

    /** The text of every element the selector finds, joined by spaces ("" when there is none), as a reader reads it. */
    public static String text(HttpResponse<String> response, String cssQuery) {
        return select(response, cssQuery).text();
    }

    /** The page's text without its markup, as a reader reads it. */
    public static String text(HttpResponse<String> response) {
        return page(response).text();
    }
}
