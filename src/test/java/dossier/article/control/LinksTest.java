package dossier.article.control;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinksTest {

    @Test
    void articleLinksGiveSlugsAndExtraAddressesGivePaths() {
        String html = """
                <p><a href="/articles/open-weights-release-delays#costs">a</a>
                <a href="/articles/other?comments=2">b</a> <a href="/llm-onpremise/">c</a>
                <a href="https://example.org/articles/elsewhere">d</a> <a href="//cdn.example/x">e</a>
                <a href="#section">f</a> <a href="/tags/on-premise">g</a> <a href="/search?q=x">h</a>
                <a href="/articles/">i</a></p>""";
        assertEquals(Set.of("open-weights-release-delays", "other", "/llm-onpremise"), Links.targets(html));
    }

    @Test
    void noHtmlNoLinks() {
        assertEquals(Set.of(), Links.targets(null));
        assertEquals(Set.of(), Links.targets("<p>plain</p>"));
    }
}
