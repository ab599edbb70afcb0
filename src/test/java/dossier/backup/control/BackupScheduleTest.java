package dossier.backup.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupScheduleTest {

    static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");

    @Test
    void theIntervalIsADurationOrHoursOrOff() {
        assertEquals(Duration.ofHours(24), BackupSchedule.of("PT24H", "7").interval());
        assertEquals(Duration.ofDays(7), BackupSchedule.of("p7d", "7").interval());
        assertEquals(Duration.ofHours(6), BackupSchedule.of("6", "7").interval());
        assertEquals(Duration.ofMinutes(90), BackupSchedule.of("1.5", "7").interval());
        assertFalse(BackupSchedule.of("off", "7").enabled());
        assertFalse(BackupSchedule.of("0", "7").enabled());
        assertEquals(List.of(), BackupSchedule.of("OFF", "3").problems());
        assertEquals("every day, keeping the newest 7", BackupSchedule.of("PT24H", "7").describe());
        assertEquals("every 6 hours, keeping the newest 3", BackupSchedule.of("6", "3").describe());
    }

    @Test
    void aValueNotUnderstoodIsReportedAndTheDefaultTaken() {
        BackupSchedule typo = BackupSchedule.of("daily", "seven");
        assertEquals(Duration.ofHours(24), typo.interval(), "a typo never turns backups off");
        assertEquals(7, typo.keep());
        assertEquals(2, typo.problems().size());
        assertTrue(typo.problems().get(0).contains("dossier.backup.interval is 'daily'"), typo.problems().get(0));
        assertTrue(typo.problems().get(1).contains("dossier.backup.keep is 'seven'"), typo.problems().get(1));

        assertEquals(Duration.ofHours(24), BackupSchedule.of("PT1S", "7").interval(), "too short: every second would never rest");
        assertEquals(Duration.ofHours(24), BackupSchedule.of("P400D", "7").interval());
        assertEquals(Duration.ofHours(24), BackupSchedule.of("-PT5H", "7").interval());
        assertEquals(7, BackupSchedule.of("PT24H", "0").keep(), "keeping none would delete every backup");
        assertEquals(7, BackupSchedule.of("PT24H", "1000000").keep());
        assertEquals(1, BackupSchedule.of("PT1H", "1").problems().size() + BackupSchedule.of("PT1H", "0").problems().size());
    }

    @Test
    void theNextBackupIsAnIntervalAfterTheNewestButNeverRightAtTheStart() {
        BackupSchedule daily = BackupSchedule.of("PT24H", "7");
        assertEquals(NOW.plus(Duration.ofMinutes(5)), daily.next(Optional.empty(), NOW), "none yet: a few minutes after the start");
        assertEquals(NOW.plus(Duration.ofMinutes(5)), daily.next(Optional.of(NOW.minus(Duration.ofDays(3))), NOW), "overdue");
        assertEquals(NOW.plus(Duration.ofHours(20)), daily.next(Optional.of(NOW.minus(Duration.ofHours(4))), NOW),
                "a restart does not move the daily backup");
        BackupSchedule quick = BackupSchedule.of("PT10S", "2");
        assertEquals(NOW.plusSeconds(10), quick.next(Optional.empty(), NOW), "never later than one interval");
    }
}
