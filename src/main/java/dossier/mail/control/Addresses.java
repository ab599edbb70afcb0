package dossier.mail.control;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.Optional;

/**
 * What may go into a mail's headers. A recipient is exactly one plain address that Jakarta Mail parses strictly
 * (no display name, no list, no line break), so nobody can add a recipient or a header through it; a subject is
 * one line.
 */
public final class Addresses {

    public static final int MAX_LENGTH = 254;

    private Addresses() {
    }

    /** The address as Jakarta Mail reads it, when it is one plain valid address. */
    public static Optional<InternetAddress> parse(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_LENGTH || address.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            return address.equals(parsed.getAddress()) && parsed.getPersonal() == null && !parsed.isGroup()
                    ? Optional.of(parsed) : Optional.empty();
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    public static boolean valid(String address) {
        return parse(address).isPresent();
    }

    /** One line: every control character (CR and LF among them) becomes a space; at most {@code max} characters. */
    public static String subject(String subject, int max) {
        String line = subject == null ? "" : subject.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max);
    }
}
