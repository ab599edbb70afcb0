package dossier.site.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

/** HTTP validators: the strong entity tag of a response's bytes, and the two conditional request headers. */
public final class Validators {

    private Validators() {
    }

    /** The tag's value (unquoted): the first 128 bits of the SHA-256 of the bytes sent, uncompressed. */
    public static String tag(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an If-None-Match header names this tag (or any, with {@code *}); weak comparison, as for GET. */
    public static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String quoted = "\"" + tag + "\"";
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(quoted) || c.equals("W/" + quoted)) {
                return true;
            }
        }
        return false;
    }

    /** If-Modified-Since counts only without If-None-Match (RFC 9110 13.1.3); the caller checks that. */
    public static boolean notModifiedSince(String ifModifiedSince, Instant modified) {
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !modified.isAfter(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
