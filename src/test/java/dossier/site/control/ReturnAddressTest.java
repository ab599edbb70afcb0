package dossier.site.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReturnAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"/articles/a?comments=2#comment-7", "/", "/tags/llm%20ops", "/search?q=a+b&sort=date"})
    void aPathOnThisSiteIsKept(String path) {
        assertEquals(path, ReturnAddress.safe(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example/", "/\\evil.example", "/\\\\evil.example", "https://evil.example/",
            "evil.example", "/a b", "/a\r\nSet-Cookie: x=1", "/é", "/%zz", "", "javascript:alert(1)"})
    void anythingElseGoesHome(String path) {
        assertEquals("/", ReturnAddress.safe(path));
    }

    @org.junit.jupiter.api.Test
    void overlongOrMissingGoesHome() {
        assertEquals("/", ReturnAddress.safe("/" + "a".repeat(2000)));
        assertEquals("/", ReturnAddress.safe(null));
    }
}
