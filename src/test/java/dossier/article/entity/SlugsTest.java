package dossier.article.entity;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlugsTest {

    @Test
    void makesReadableAsciiAddresses() {
        assertEquals("uber-die-cloud-tco-capex", Slugs.of("Über die Cloud: TCO & CapEx"));
        assertEquals("kep-127-support-user-namespaces", Slugs.of("  KEP-127: Support User Namespaces  "));
        assertEquals("", Slugs.of("中文"));
        assertEquals(Slugs.MAX_LENGTH, Slugs.of("a".repeat(500)).length());
    }

    @Test
    void validatesWhatItMakes() {
        assertTrue(Slugs.isValid("open-weights-release-delays"));
        assertFalse(Slugs.isValid("../etc"));
        assertFalse(Slugs.isValid("Upper"));
        assertFalse(Slugs.isValid("double--hyphen"));
    }

    @Test
    void tagsKeepLettersOfEveryScript() {
        assertEquals("on-premise", Tag.normalize("On Premise"));
        assertEquals("中文", Tag.normalize("中文"));
        assertEquals("", Tag.normalize("  !!  "));
    }
}
