package dossier.site.control;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssetsTest {

    @Test
    void theFixedListIsExactlyTheBundledFolder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/dossier/site/assets"))) {
            Set<String> bundled = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            assertEquals(bundled, Assets.OWN);
        }
    }

    @Test
    void theVendoredLibrariesComeFromTheBuildWithTheirLicences() {
        for (String name : Assets.VENDORED) {
            assertFalse(Files.exists(Path.of("src/main/resources/dossier/site/assets", name)),
                    name + " is unpacked from its WebJar, not committed");
            assertTrue(Assets.exists(name), name);
        }
        assertTrue(new String(Assets.bytes("katex.js"), StandardCharsets.UTF_8).contains("renderToString"));
        assertTrue(new String(Assets.bytes("highlight.js"), StandardCharsets.UTF_8).contains("Highlight.js v11."));
        assertTrue(Assets.bytes("highlight.js").length > 100_000, "the build with the common languages");
        assertNotNull(Assets.class.getResource("/dossier/site/licenses/katex-LICENSE.txt"));
        assertNotNull(Assets.class.getResource("/dossier/site/licenses/highlight.js-LICENSE.txt"));
        assertEquals(Assets.OWN.size() + Assets.VENDORED.size(), Assets.NAMES.size());
    }

    @Test
    void madeUpNamesAreUnknownAndLeaveNothingBehind() {
        Random random = new Random(7);
        int before = Assets.kept();
        for (int i = 0; i < 10_000; i++) {
            String name = random.ints(4_000, 'a', 'z' + 1)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + ".css";
            assertFalse(Assets.exists(name));
            assertEquals(0, Assets.bytes(name).length);
            assertEquals("", Assets.version(name));
        }
        assertEquals(before, Assets.kept());
        assertEquals(Assets.NAMES.size(), Assets.kept());
    }

    @Test
    void aBundledFileIsServedWithAStableContentAddress() throws IOException {
        byte[] css = Files.readAllBytes(Path.of("src/main/resources/dossier/site/assets/site.css"));
        assertArrayEquals(css, Assets.bytes("site.css"));
        assertTrue(Assets.url("site.css").matches("/assets/site\\.css\\?v=[0-9a-f]{16}"));
        assertEquals(Assets.url("site.css"), Assets.url("site.css"));
    }
}
