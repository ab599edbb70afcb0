package dossier.article.control;

import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontMatterTest {

    @Test
    void readsTheYamlBlockAndTheBodyAfterIt() throws Exception {
        FrontMatter fm = FrontMatter.parse("---\ntitle: \"Costs: a primer\"\ntags: [a, b]\npublished: 2026-11-20\n---\n\nBody text\n");
        assertEquals("Costs: a primer", fm.fields().get("title"));
        assertEquals(List.of("a", "b"), fm.fields().get("tags"));
        assertInstanceOf(Date.class, fm.fields().get("published"));
        assertEquals("\nBody text\n", fm.body());
    }

    @Test
    void aFileWithoutFrontMatterIsAllBody() throws Exception {
        FrontMatter fm = FrontMatter.parse("# Title\n\n---\n\ntext");
        assertEquals(Map.of(), fm.fields());
        assertEquals("# Title\n\n---\n\ntext", fm.body());
    }

    @Test
    void anUnclosedBlockIsAnErrorThatSaysSo() {
        ContentException e = assertThrows(ContentException.class, () -> FrontMatter.parse("---\ntitle: x\n\nbody"));
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    @Test
    void invalidYamlIsAnErrorWithTheLine() {
        ContentException e = assertThrows(ContentException.class,
                () -> FrontMatter.parse("---\ntitle: ok\nslug: [unclosed\n---\nbody"));
        assertTrue(e.getMessage().startsWith("the front matter is not valid YAML"), e.getMessage());
    }

    @Test
    void aScalarInsteadOfKeysIsRefused() {
        assertThrows(ContentException.class, () -> FrontMatter.parse("---\njust a sentence\n---\nbody"));
    }

    @Test
    void yamlCannotBuildJavaObjects() {
        assertThrows(ContentException.class,
                () -> FrontMatter.parse("---\nx: !!java.net.URL [\"http://example.org\"]\n---\nbody"));
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder yaml = new StringBuilder("---\na: &a [x,x,x,x,x,x,x,x,x,x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'z'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            yaml.append("]\n");
            prev = c;
        }
        yaml.append("---\nbody");
        assertThrows(ContentException.class, () -> FrontMatter.parse(yaml.toString()));
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThrows(ContentException.class, () -> FrontMatter.parse("---\ntitle: a\ntitle: b\n---\nbody"));
    }
}
