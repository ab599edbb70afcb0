package dossier.site.boundary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CachedPagesTest {

    @Test
    void gzipIsSentToReadersThatNameItOrAcceptAnything() {
        assertTrue(CachedPages.acceptsGzip("gzip, deflate, br"));
        assertTrue(CachedPages.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(CachedPages.acceptsGzip("*"));
        assertTrue(CachedPages.acceptsGzip("x-gzip"));
    }

    @Test
    void neverToReadersThatRefuseItOrDoNotSayTheyTakeIt() {
        assertFalse(CachedPages.acceptsGzip(null));
        assertFalse(CachedPages.acceptsGzip(""));
        assertFalse(CachedPages.acceptsGzip("identity"));
        assertFalse(CachedPages.acceptsGzip("deflate, br"));
        assertFalse(CachedPages.acceptsGzip("gzip;q=0"));
        assertFalse(CachedPages.acceptsGzip("gzip; q = 0.000, identity"));
        assertFalse(CachedPages.acceptsGzip("*;q=0"));
    }
}
