package dossier.backup.control;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How often the site backs itself up and how many scheduled archives it keeps, from {@code dossier.backup.interval}
 * (an ISO-8601 duration such as {@code PT24H}, or a number of hours; {@code 0} or {@code off}: no scheduled backups)
 * and {@code dossier.backup.keep}. A value out of bounds or unreadable is reported and replaced by the default,
 * so that a typo never leaves a site without backups.
 */
public record BackupSchedule(Duration interval, int keep, List<String> problems) {

    public static final String DEFAULT_INTERVAL = "PT24H";
    public static final String DEFAULT_KEEP = "7";
    static final Duration SHORTEST = Duration.ofSeconds(10);
    static final Duration LONGEST = Duration.ofDays(366);
    static final int MOST_KEPT = 1000;
    /** The first backup after a start, when none is due earlier: the start's own work is done by then. */
    static final Duration FIRST_DELAY = Duration.ofMinutes(5);

    public BackupSchedule {
        problems = List.copyOf(problems);
    }

    public static BackupSchedule of(String interval, String keep) {
        List<String> problems = new ArrayList<>();
        Duration every = interval(interval, problems);
        int kept = keep(keep, problems);
        return new BackupSchedule(every, kept, problems);
    }

    private static Duration interval(String value, List<String> problems) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("0") || v.equals("off") || v.equals("none") || v.equals("false")) {
            return Duration.ZERO;
        }
        Duration parsed;
        try {
            parsed = v.matches("\\d+(\\.\\d+)?")
                    ? Duration.ofSeconds(new BigDecimal(v).multiply(BigDecimal.valueOf(3600)).longValueExact())
                    : Duration.parse(v.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException e) {
            problems.add("dossier.backup.interval is '" + value + "', neither a duration (PT24H, P7D) nor a number of hours"
                    + " nor 'off': backing up every 24 hours instead");
            return Duration.parse(DEFAULT_INTERVAL);
        }
        if (parsed.compareTo(SHORTEST) < 0 || parsed.compareTo(LONGEST) > 0) {
            problems.add("dossier.backup.interval is '" + value + "', outside " + describe(SHORTEST) + " to "
                    + describe(LONGEST) + " ('off' turns scheduled backups off): backing up every 24 hours instead");
            return Duration.parse(DEFAULT_INTERVAL);
        }
        return parsed;
    }

    private static int keep(String value, List<String> problems) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.strip());
            if (n >= 1 && n <= MOST_KEPT) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add("dossier.backup.keep is '" + value + "', not a whole number from 1 to " + MOST_KEPT
                + ": keeping the newest " + DEFAULT_KEEP + " scheduled backups instead");
        return Integer.parseInt(DEFAULT_KEEP);
    }

    public boolean enabled() {
        return !interval.isZero();
    }

    /**
     * When the next scheduled backup is due: an interval after the newest scheduled one, but not before a short
     * wait after {@code now} (a site restarted more often than the interval is still backed up).
     */
    public Instant next(Optional<Instant> newestScheduled, Instant now) {
        Instant soonest = now.plus(FIRST_DELAY.compareTo(interval) < 0 ? FIRST_DELAY : interval);
        return newestScheduled.map(newest -> newest.plus(interval)).filter(due -> due.isAfter(soonest)).orElse(soonest);
    }

    /** "every day, keeping the newest 7", or that scheduled backups are off. */
    public String describe() {
        String every = describe(interval);
        return enabled() ? "every " + (every.startsWith("1 ") ? every.substring(2) : every) + ", keeping the newest " + keep : "off";
    }

    /** "24 hours", "7 days", "90 minutes", "10 seconds". */
    public static String describe(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return plural(s / 86_400, "day");
        }
        if (s % 3_600 == 0) {
            return plural(s / 3_600, "hour");
        }
        if (s % 60 == 0) {
            return plural(s / 60, "minute");
        }
        return plural(s, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
