package dossier.article.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * The one reading of an article's publication time, wherever it is written: a content file's front matter,
 * the editor's form (a {@code datetime-local} field, in UTC) and the JSON API's {@code published}, all of which
 * reach it through {@link ContentParser#build}. A date is midnight UTC; a date-time with an offset is that
 * instant, one without an offset is UTC; a space may stand for the {@code T}. YAML hands over a timestamp it
 * recognised already parsed. The time is kept in whole seconds: nobody schedules to the millisecond, and a
 * time written out and read back stays equal.
 */
final class PublishTime {

    private PublishTime() {
    }

    /** The time {@code value} states, or {@code fallback} when it states none. */
    static Instant read(Object value, Instant fallback) throws ContentException {
        return parse(value, fallback).truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant parse(Object value, Instant fallback) throws ContentException {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        String s = String.valueOf(value).strip();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            try {
                return OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new ContentException("its date '" + s + "' is neither a date (2026-11-20) nor a date-time (2026-11-20T09:30:00Z)");
        }
    }
}
