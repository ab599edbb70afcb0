package dossier.article.control;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every way a publication time is written reads to one instant, in whole seconds. */
class PublishTimeTest {

    private static final Instant FALLBACK = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void aDateIsMidnightUtc() throws ContentException {
        assertEquals(Instant.parse("2026-11-20T00:00:00Z"), PublishTime.read("2026-11-20", FALLBACK));
    }

    @Test
    void aDateTimeWithAnOffsetIsThatInstant() throws ContentException {
        assertEquals(Instant.parse("2026-11-20T08:30:00Z"), PublishTime.read("2026-11-20T09:30:00+01:00", FALLBACK));
        assertEquals(Instant.parse("2026-11-20T09:30:00Z"), PublishTime.read("2026-11-20 09:30:00Z", FALLBACK));
    }

    @Test
    void aDateTimeWithoutAnOffsetIsUtcAsTheEditorsFormSendsIt() throws ContentException {
        assertEquals(Instant.parse("2026-11-27T14:05:00Z"), PublishTime.read("2026-11-27T14:05", FALLBACK));
        assertEquals(Instant.parse("2026-11-27T14:05:09Z"), PublishTime.read(" 2026-11-27 14:05:09 ", FALLBACK));
    }

    @Test
    void aTimestampYamlParsedAlreadyIsTakenAsItIs() throws ContentException {
        assertEquals(Instant.parse("2026-11-20T09:30:00Z"),
                PublishTime.read(Date.from(Instant.parse("2026-11-20T09:30:00.250Z")), FALLBACK));
    }

    @Test
    void noTimeMeansTheFallbackInWholeSeconds() throws ContentException {
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), PublishTime.read(null, FALLBACK));
    }

    @Test
    void anythingElseIsRefusedWithTheRuleInTheMessage() {
        ContentException e = assertThrows(ContentException.class, () -> PublishTime.read("next tuesday", FALLBACK));
        assertEquals("its date 'next tuesday' is neither a date (2026-11-20) nor a date-time (2026-11-20T09:30:00Z)",
                e.getMessage());
        assertThrows(ContentException.class, () -> PublishTime.read("2026-13-45", FALLBACK));
    }
}
