package dossier.backup.control;

import java.time.Duration;
import java.util.Locale;

/** Sizes and ages as an administrator reads them: "3.2 MB", "5 hours ago". */
public final class Amounts {

    private Amounts() {
    }

    /** "900 bytes", "12 KB", "3.2 MB", "1.5 GB". */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        if (bytes < 1024 * 1024) {
            return bytes / 1024 + " KB";
        }
        double mb = bytes / (1024.0 * 1024);
        return mb < 1024 ? String.format(Locale.ROOT, "%.1f MB", mb) : String.format(Locale.ROOT, "%.1f GB", mb / 1024);
    }

    /** "just now", "12 minutes ago", "5 hours ago", "3 days ago". */
    public static String age(Duration age) {
        long minutes = age.toMinutes();
        if (minutes < 1) {
            return "just now";
        }
        if (minutes < 120) {
            return minutes + (minutes == 1 ? " minute ago" : " minutes ago");
        }
        long hours = age.toHours();
        if (hours < 48) {
            return hours + " hours ago";
        }
        return age.toDays() + " days ago";
    }
}
