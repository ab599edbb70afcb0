package dossier.search.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonLinesTest {

    @Test
    void readsTheBeirLineShapeWithEscapes() {
        Object parsed = JsonLines.parse("{\"_id\": \"4983\", \"title\": \"A \\\"quoted\\\" \\u03b2-catenin \\ud83d\\ude00\\n\","
                + " \"n\": -1.5e2, \"ok\": true, \"metadata\": {\"1\": [{\"sentences\": [0, 2]}], \"x\": null}}");

        Map<?, ?> line = (Map<?, ?>) parsed;
        assertEquals("4983", line.get("_id"));
        assertEquals("A \"quoted\" \u03b2-catenin \uD83D\uDE00\n", line.get("title"));
        assertEquals(-150.0, line.get("n"));
        assertEquals(true, line.get("ok"));
        assertEquals(List.of(Map.of("sentences", List.of(0L, 2L))), ((Map<?, ?>) line.get("metadata")).get("1"));
    }

    @Test
    void brokenLinesAreReportedNotGuessed() {
        assertThrows(IllegalArgumentException.class, () -> JsonLines.parse("{\"a\": \"open"));
        assertThrows(IllegalArgumentException.class, () -> JsonLines.parse("{\"a\": 1} x"));
    }
}
