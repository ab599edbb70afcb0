package dossier.mail.control;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a mail waits after a failed attempt: {@code first}, then twice as long each time, at most
 * {@code last}; the attempt after a wait of {@code last} is the final one (1 minute to 6 hours: eleven attempts
 * over about 15 hours). So a mail server that is down for an afternoon loses nothing, and one that never comes
 * back leaves the mail marked failed for the administrators.
 */
public record Backoff(Duration first, Duration last) {

    public Backoff {
        Objects.requireNonNull(first);
        Objects.requireNonNull(last);
        if (first.isNegative() || first.isZero() || last.compareTo(first) < 0) {
            throw new IllegalArgumentException("the first wait must be positive and not longer than the last");
        }
    }

    /** The wait before the next attempt after {@code failedAttempts} failures (at least 1), or empty: give up. */
    public Optional<Duration> after(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("after at least one failure");
        }
        Duration wait = first;
        for (int i = 1; i < failedAttempts; i++) {
            if (wait.equals(last)) {
                return Optional.empty(); // the attempt after the longest wait failed too
            }
            wait = wait.multipliedBy(2).compareTo(last) > 0 ? last : wait.multipliedBy(2);
        }
        return Optional.of(wait);
    }

    /** How many attempts a mail gets in all. */
    public int attempts() {
        int n = 1;
        while (after(n).isPresent()) {
            n++;
        }
        return n;
    }
}
