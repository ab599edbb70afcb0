package dossier.article.entity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules of an article's address: lower-case ASCII letters, digits and single hyphens. */
public final class Slugs {

    /** A valid slug, as a regular expression: also the API's constraint on the slugs a client sends. */
    public static final String PATTERN = "[a-z0-9]+(?:-[a-z0-9]+)*";
    private static final Pattern VALID = Pattern.compile(PATTERN);
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    public static final int MAX_LENGTH = 200;

    private Slugs() {
    }

    /** "Über die Cloud: TCO & CapEx" becomes "uber-die-cloud-tco-capex"; may return an empty string. */
    public static String of(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        String slug = NOT_SLUG.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = trimHyphens(slug);
        if (slug.length() > MAX_LENGTH) {
            slug = trimHyphens(slug.substring(0, MAX_LENGTH));
        }
        return slug;
    }

    public static boolean isValid(String slug) {
        return slug != null && slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
    }

    static String requireValid(String slug) {
        if (!isValid(slug)) {
            throw new IllegalArgumentException("Not a valid slug: " + slug);
        }
        return slug;
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
