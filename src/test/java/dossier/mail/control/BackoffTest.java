package dossier.mail.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    private final Backoff cut = new Backoff(Duration.ofMinutes(1), Duration.ofHours(6));

    @Test
    void waitsDoubleFromAMinuteToSixHoursThenTheMailIsGivenUp() {
        assertEquals(Optional.of(Duration.ofMinutes(1)), cut.after(1));
        assertEquals(Optional.of(Duration.ofMinutes(2)), cut.after(2));
        assertEquals(Optional.of(Duration.ofMinutes(256)), cut.after(9));
        assertEquals(Optional.of(Duration.ofHours(6)), cut.after(10));
        assertEquals(Optional.empty(), cut.after(11), "the attempt after the six-hour wait was the last");
        assertEquals(11, cut.attempts());
    }

    @Test
    void theWaitsAddUpToAboutFifteenHours() {
        Duration total = Duration.ZERO;
        for (int failed = 1; cut.after(failed).isPresent(); failed++) {
            total = total.plus(cut.after(failed).get());
        }
        assertEquals(871, total.toMinutes());
    }

    @Test
    void oneWaitOnlyWhenFirstAndLastAreTheSame() {
        Backoff once = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertEquals(Optional.of(Duration.ofSeconds(1)), once.after(1));
        assertEquals(Optional.empty(), once.after(2));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
