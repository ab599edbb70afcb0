package dossier.media.entity;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MediaTest {

    private static final String HASH = "ab".repeat(32);

    private static Media of(MediaKind kind, String name) {
        return new Media(HASH, kind, 1234, name, "chief", Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void anImageIsShownAndADocumentLinked() {
        Media png = of(MediaKind.PNG, "photo.png");
        assertEquals("/media/" + HASH + ".png", png.url());
        assertEquals("![photo](/media/" + HASH + ".png)", png.markdown("photo.png"));
        assertEquals("[Annual report.pdf](/media/" + HASH + ".pdf)", of(MediaKind.PDF, "x").markdown("Annual report.pdf"));
        assertEquals("/media/" + HASH + ".jpg", of(MediaKind.JPEG, "a.jpeg").url(), "one extension per kind, whatever the name");
    }

    @Test
    void aNameCannotBreakOutOfTheMarkdown() {
        Media png = of(MediaKind.PNG, "x");
        assertEquals("![a\\]\\(javascript:alert\\(1\\)\\) \\*b\\*](/media/" + HASH + ".png)",
                png.markdown("a](javascript:alert(1)) *b*.png"));
        assertEquals("![\\<img src=x\\>](/media/" + HASH + ".png)", png.markdown("<img src=x>.png"));
        assertEquals("![.hidden](/media/" + HASH + ".png)", png.markdown(".hidden"));
    }

    @Test
    void namesAreCleanedForShowingAndStoring() {
        assertEquals("photo.png", Media.cleanName("C:\\fakepath\\photo.png", MediaKind.PNG));
        assertEquals("photo.png", Media.cleanName("../../photo.png", MediaKind.PNG));
        assertEquals("ab.png", Media.cleanName("a\nb\u0000.png", MediaKind.PNG));
        assertEquals("file.pdf", Media.cleanName("   ", MediaKind.PDF));
        assertEquals("file.gif", Media.cleanName(null, MediaKind.GIF));
        assertEquals("file.png", Media.cleanName("uploads/", MediaKind.PNG));
        assertEquals(300, Media.cleanName("x".repeat(400) + ".png", MediaKind.PNG).length());
        assertEquals("Übersicht 中文.png", of(MediaKind.PNG, "Übersicht 中文.png").originalName());
    }
}
