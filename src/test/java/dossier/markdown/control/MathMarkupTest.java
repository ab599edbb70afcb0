package dossier.markdown.control;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MathMarkupTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void inlineAndDisplayFormulasAreMarked() {
        String html = renderer.render("Energy $E = mc^2$ and\n\n$$\\sum_{i=1}^n x_i$$\n").html();
        assertTrue(html.contains("<span class=\"math inline\">E = mc^2</span>"), html);
        assertTrue(html.contains("<span class=\"math display\">\\sum_{i=1}^n x_i</span>"), html);
    }

    @Test
    void pricesAreNotFormulas() {
        String html = renderer.render("It cost $5 million, then $10 million; a $ sign alone.").html();
        assertFalse(html.contains("class=\"math"), html);
    }

    @Test
    void codeKeepsItsDollars() {
        String html = renderer.render("`$HOME and $PATH$`\n\n```sh\necho $a$b$\n```").html();
        assertFalse(html.contains("class=\"math"), html);
    }

    @Test
    void aFormulaStaysEscapedText() {
        String html = renderer.commentHtml("$<script>alert(1)</script>$");
        assertFalse(html.contains("<script>"), html);
        assertEquals(1, org.jsoup.Jsoup.parse(html).select("span.math").size(), html);
    }

    @Test
    void plainTextKeepsTheDelimitersSoSummariesShowFormulasAgain() {
        String text = renderer.render("Energy $E = mc^2$ at $5 a unit.\n\n$$\\sum x$$\n").plainText();
        assertTrue(text.contains("$E = mc^2$") && text.contains("$$\\sum x$$"), text);
        String html = MathMarkup.html(text);
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parseBodyFragment(html);
        assertEquals(List.of("E = mc^2", "\\sum x"), page.select("span.math").eachText());
        assertTrue(page.text().contains("at $5 a unit"), "a price stays a price: " + html);
        assertTrue(MathMarkup.hasMath(text));
        assertFalse(MathMarkup.hasMath("It cost $5, then $10."));
        assertFalse(MathMarkup.hasMath(null));
    }

    @Test
    void aSummaryIsEscapedTextWithOnlyTheFormulasMarked() {
        String html = MathMarkup.html("<img src=x onerror=alert(1)> & $<b>x</b>$ \"quoted\"");
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parseBodyFragment(html);
        assertTrue(page.select("img, b, [onerror]").isEmpty(), html);
        assertEquals(List.of("<b>x</b>"), page.select("span.math").eachText());
        assertTrue(page.text().startsWith("<img src=x onerror=alert(1)> &"), page.text());
    }

    @Test
    void aCutNeverFallsInsideAFormula() {
        String text = "Before $a + b = c$ after";
        assertEquals(7, MathMarkup.cutBefore(text, 10), "inside: before the formula");
        assertEquals(3, MathMarkup.cutBefore(text, 3), "before it: where asked");
        assertEquals(20, MathMarkup.cutBefore(text, 20), "after it: where asked");
    }
}
