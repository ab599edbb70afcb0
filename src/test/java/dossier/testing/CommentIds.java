package dossier.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ids of every comment of an article's JSON thread, read page by page along its {@code Link: rel="next"}. */
public final class CommentIds {

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private CommentIds() {
    }

    public static Set<Long> of(HttpClient http, URI thread) throws IOException, InterruptedException {
        Set<Long> ids = new HashSet<>();
        URI page = thread;
        for (int pages = 0; page != null && pages < 10_000; pages++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = ID.matcher(answer.body());
            while (m.find()) {
                ids.add(Long.parseLong(m.group(1)));
            }
            Optional<String> next = answer.headers().allValues("Link").stream()
                    .map(NEXT::matcher).filter(Matcher::find).map(n -> n.group(1)).findFirst();
            page = next.map(thread::resolve).orElse(null);
        }
        return ids;
    }
}
