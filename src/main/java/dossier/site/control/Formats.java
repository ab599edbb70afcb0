package dossier.site.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How pages write dates and addresses. */
public final class Formats {

    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** "27 November 2026". */
    public static String date(Instant instant) {
        return LONG.format(instant);
    }

    private static final DateTimeFormatter LONG_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** "27 November 2026, 14:05 UTC". */
    public static String dateTime(Instant instant) {
        return LONG_TIME.format(instant);
    }

    /** For {@code <input type="datetime-local">}, in UTC: "2026-11-27T14:05:00". */
    public static String inputTime(Instant instant) {
        return instant == null ? "" : INPUT.format(instant);
    }

    /** For {@code <time datetime>}: "2026-11-27T00:00:00Z". */
    public static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    public static String tagPath(String tag) {
        return "/tags/" + URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String articlePath(String slug) {
        return "/articles/" + slug;
    }
}
