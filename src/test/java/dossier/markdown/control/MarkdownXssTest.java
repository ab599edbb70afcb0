package dossier.markdown.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile Markdown, in an article and in a comment, must come out as HTML that cannot run anything. */
public class MarkdownXssTest {

    private final MarkdownRenderer cut = new MarkdownRenderer();

    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of("script", "iframe", "frame", "frameset", "object",
            "embed", "applet", "svg", "math", "style", "form", "base", "meta", "link", "button", "textarea",
            "select", "template", "noscript", "video", "audio", "source", "body", "html", "head");
    private static final List<String> FORBIDDEN_SCHEMES = List.of("javascript:", "vbscript:", "data:");

    public static final List<String> ATTACKS = List.of(
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](java&#x09;script:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<div onclick=\"alert(1)\">x</div>",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
            "<div>\n<script>alert(1)</script>\n</div>",
            "<object data=x>",
            "<embed src=x>",
            "<form action=x><input></form>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "[x](  javascript:alert(1))",
            "<base href=\"https://evil.example/\">",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "[x]\n\n[x]: javascript:alert(1)",
            "<javascript:alert(1)>",
            // More of the usual suspects.
            "[x](<javascript:alert(1)>)",
            "[x](javascript&colon;alert(1))",
            "<a href=\"javascript&colon;alert(1)\">x</a>",
            "<a href=\"javascript&#58;alert(1)\">x</a>",
            "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
            "<a href=\"java\tscript:alert(1)\">x</a>",
            "<a href=\" &#x01;javascript:alert(1)\">x</a>",
            "<a href=\"&#14;javascript:alert(1)\">x</a>",
            "<a href=\"#\" onmouseover=\"alert(1)\">x</a>",
            "[x](https://example.com \"\\\" onmouseover=\\\"alert(1)\")",
            "![x\" onerror=\"alert(1)](https://example.com/x.png)",
            "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PC9zdmc+)",
            "<img src=\"javascript:alert(1)\">",
            "<img src=\"x\" srcset=\"javascript:alert(1) 1x\">",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">x</text></a></svg>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "<style>*{background:url(javascript:alert(1))}</style>",
            "<link rel=stylesheet href=https://evil.example/x.css>",
            "<input type=\"image\" src=x onerror=alert(1) autofocus onfocus=alert(1)>",
            "<details open ontoggle=alert(1)>",
            "<button formaction=javascript:alert(1)>x</button>",
            "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
            "<video><source onerror=\"alert(1)\"></video>",
            "<body onload=alert(1)>",
            "<template><script>alert(1)</script></template>",
            "<textarea></textarea><script>alert(1)</script>",
            "<scr<script>ipt>alert(1)</script>",
            "## <img src=x onerror=alert(1)> heading",
            "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
            "Note[^1]\n\n[^1]: <script>alert(1)</script> [x](javascript:alert(1))",
            "- [ ] <a href=\"javascript:alert(1)\">task</a>",
            "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
            "[x](vbscript:msgbox(1))",
            "<!-- --><script>alert(1)</script>",
            "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%\">overlay</div>");

    static Stream<Arguments> attacksInBothSurfaces() {
        return ATTACKS.stream().flatMap(attack -> Stream.of(
                Arguments.of("article", attack),
                Arguments.of("comment", attack)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("attacksInBothSurfaces")
    void hostileMarkdownComesOutInert(String surface, String markdown) {
        BiFunction<MarkdownRenderer, String, String> render = surface.equals("article")
                ? (renderer, md) -> renderer.render(md).html()
                : MarkdownRenderer::commentHtml;

        assertInert(render.apply(cut, markdown));
    }

    @Test
    void commentRawHtmlIsVisibleText() {
        String html = cut.commentHtml("<b>hi</b>");

        assertTrue(Jsoup.parseBodyFragment(html).select("b").isEmpty(), html);
        assertTrue(Jsoup.parseBodyFragment(html).text().contains("<b>hi</b>"), html);
    }

    @Test
    void articleScriptLeavesNoTextBehind() {
        assertFalse(cut.render("<script>alert(1)</script>").plainText().contains("alert"));
    }

    public static void assertInert(String html) {
        // Parsed as a whole page, the way a browser meets it: a <body onload> in the output lands on the page's
        // body, a <meta> or <base> in its head. The wrappers' names are no finding, their attributes are.
        Document page = Jsoup.parse(html);
        Set<Element> wrappers = Set.of(page.child(0), page.head(), page.body());
        for (Element element : page.getAllElements()) {
            if (!(element instanceof Document) && !wrappers.contains(element)
                    && FORBIDDEN_ELEMENTS.contains(element.normalName())) {
                fail("forbidden <" + element.normalName() + "> in: " + html);
            }
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("on") || name.equals("style")) {
                    fail("forbidden attribute " + name + " in: " + html);
                }
                String value = normalized(attribute.getValue());
                for (String scheme : FORBIDDEN_SCHEMES) {
                    if (value.startsWith(scheme)) {
                        fail("forbidden " + scheme + " in " + name + " in: " + html);
                    }
                }
            }
        }
    }

    /** Lower-cased, with the whitespace and control characters a browser skips inside a URL removed. */
    private static String normalized(String value) {
        StringBuilder out = new StringBuilder();
        value.trim().codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isISOControl(c) && !Character.isSpaceChar(c))
                .forEach(out::appendCodePoint);
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
