package dossier.markdown.control;

import org.junit.jupiter.api.Test;

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
}
