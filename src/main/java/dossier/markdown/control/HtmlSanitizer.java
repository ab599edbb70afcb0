package dossier.markdown.control;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The allow-list every rendered HTML fragment passes through. Immutable once built, so one instance serves all
 * threads.
 */
final class HtmlSanitizer {

    /**
     * Relative links are resolved against this only to check them; they stay relative in the output. The
     * {@code .invalid} top-level domain can never resolve, so nothing leaks if a resolved value ever escaped.
     */
    static final String BASE_URI = "https://dossier.invalid/";

    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    private static final Set<String> IMAGE_SCHEMES = Set.of("http", "https");

    /** The classes the Markdown extensions emit; anything else could borrow the site's own styling. */
    private static final Set<String> CLASSES = Set.of("anchor", "footnote-ref", "footnote-backref", "footnotes",
            "task-list-item", "task-list-item-checkbox", "toc");
    private static final Pattern LANGUAGE_CLASS = Pattern.compile("language-[\\w+#.-]{1,40}");
    private static final Pattern ID = Pattern.compile("\\S+");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");
    private static final Pattern LENGTH = Pattern.compile("\\d{1,4}%?");
    private static final Set<String> ALIGNMENTS = Set.of("left", "center", "right", "justify");
    private static final Set<String> SCOPES = Set.of("col", "row", "colgroup", "rowgroup");
    private static final Set<String> REL_TOKENS = Set.of("nofollow", "noopener", "noreferrer", "ugc", "external");

    private final Cleaner cleaner = new Cleaner(new DossierSafelist());
    private final Document.OutputSettings output = new Document.OutputSettings()
            .prettyPrint(false)
            .escapeMode(Entities.EscapeMode.base)
            .charset("UTF-8");

    /** Parses {@code html} as a body fragment and returns a new document holding only what the allow-list keeps. */
    Document clean(String html) {
        Document dirty = Jsoup.parseBodyFragment(html, BASE_URI);
        // Older documents mark link targets with <a name>; keep them reachable as ids.
        for (Element anchor : dirty.body().select("a[name]:not([id])")) {
            anchor.attr("id", anchor.attr("name"));
        }
        Document clean = cleaner.clean(dirty);
        clean.outputSettings(output.clone());
        return clean;
    }

    /** Whether a link target is absolute, i.e. points to another host. */
    static boolean isExternal(String href) {
        String url = normalizeUrl(href);
        String scheme = schemeOf(url);
        return scheme == null ? url.startsWith("//") : scheme.equals("http") || scheme.equals("https");
    }

    /**
     * Browsers ignore ASCII whitespace and control characters inside a URL's scheme, so {@code java&#9;script:}
     * still runs: remove them before looking at the scheme.
     */
    static String normalizeUrl(String url) {
        StringBuilder normalized = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c > ' ' && !Character.isISOControl(c)) {
                normalized.append(c);
            }
        }
        return normalized.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * The URL's scheme, or {@code null} for a relative URL. Like a browser, this reads a scheme only where the text
     * before the first colon is a valid one: {@code (https://x} is a relative path, not a link to another host.
     */
    static String schemeOf(String normalizedUrl) {
        int colon = normalizedUrl.indexOf(':');
        if (colon > 0 && SCHEME.matcher(normalizedUrl).region(0, colon).matches()) {
            return normalizedUrl.substring(0, colon);
        }
        return null;
    }

    private static boolean isAllowedUrl(String value, Set<String> schemes) {
        String scheme = schemeOf(normalizeUrl(value));
        return scheme == null || schemes.contains(scheme);
    }

    private static boolean isAllowedClass(String value) {
        String[] tokens = value.trim().split("\\s+");
        for (String token : tokens) {
            if (!CLASSES.contains(token) && !LANGUAGE_CLASS.matcher(token).matches()) {
                return false;
            }
        }
        return tokens.length > 0 && !tokens[0].isEmpty();
    }

    private static boolean isAllowedRel(String value) {
        for (String token : value.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!REL_TOKENS.contains(token)) {
                return false;
            }
        }
        return true;
    }

    /**
     * jsoup's {@link Safelist} checks which attributes a tag may carry and the protocols of URLs; this subclass
     * also checks the values, because a free {@code class}, {@code style} or {@code align} is a way to restyle the
     * page, and because jsoup accepts a URL it cannot make sense of as relative, while a browser may still run it.
     */
    private static final class DossierSafelist extends Safelist {

        DossierSafelist() {
            addTags("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
                    "details", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input",
                    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span",
                    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u",
                    "ul", "var");
            addAttributes("a", "href", "title", "class", "id", "rel");
            addAttributes("abbr", "title");
            addAttributes("img", "src", "alt", "title", "width", "height");
            for (String heading : new String[] {"h1", "h2", "h3", "h4", "h5", "h6"}) {
                addAttributes(heading, "id");
            }
            addAttributes("code", "class");
            addAttributes("pre", "class");
            addAttributes("div", "class", "id", "align");
            addAttributes("section", "class", "id");
            addAttributes("p", "align");
            addAttributes("ul", "class");
            addAttributes("ol", "class", "start");
            addAttributes("li", "class", "id");
            addAttributes("sup", "id");
            addAttributes("details", "open");
            addAttributes("table", "align");
            addAttributes("th", "align", "colspan", "rowspan", "scope");
            addAttributes("td", "align", "colspan", "rowspan");
            addAttributes("col", "span");
            addAttributes("colgroup", "span");
            addAttributes("input", "class", "checked");
            addEnforcedAttribute("input", "type", "checkbox");
            addEnforcedAttribute("input", "disabled", "disabled");
            addProtocols("a", "href", "http", "https", "mailto", "#");
            addProtocols("img", "src", "http", "https");
            preserveRelativeLinks(true);
        }

        @Override
        public boolean isSafeAttribute(String tagName, Element element, Attribute attribute) {
            if (!super.isSafeAttribute(tagName, element, attribute)) {
                return false;
            }
            String value = attribute.getValue();
            return switch (attribute.getKey()) {
                case "href" -> isAllowedUrl(value, LINK_SCHEMES);
                case "src" -> isAllowedUrl(value, IMAGE_SCHEMES);
                case "class" -> isAllowedClass(value);
                case "id" -> ID.matcher(value).matches();
                case "rel" -> isAllowedRel(value);
                case "align" -> ALIGNMENTS.contains(value.trim().toLowerCase(Locale.ROOT));
                case "scope" -> SCOPES.contains(value.trim().toLowerCase(Locale.ROOT));
                case "width", "height" -> LENGTH.matcher(value.trim()).matches();
                case "colspan", "rowspan", "span", "start" -> NUMBER.matcher(value.trim()).matches();
                default -> true;
            };
        }
    }
}
