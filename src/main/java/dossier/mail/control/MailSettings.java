package dossier.mail.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The mail server, from {@code dossier.mail.*} ({@code DOSSIER_MAIL_*}). Without {@code dossier.mail.host} the site
 * works all the same: mails wait in the outbox, where administrators see them. The password is only handed to
 * the connection; it is never logged or shown.
 */
@ApplicationScoped
public class MailSettings {

    /** SMTP connect, read and write timeouts: a stalled server holds a sender no longer than this per step. */
    static final int TIMEOUT_MS = 20_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "dossier.mail.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "dossier.mail.port", defaultValue = "587")
    int port;

    @Inject
    @ConfigProperty(name = "dossier.mail.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "dossier.mail.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "dossier.mail.from", defaultValue = "dossier@localhost")
    String from;

    @Inject
    @ConfigProperty(name = "dossier.mail.starttls", defaultValue = "true")
    boolean starttls;

    /** The wait after a mail's first failed attempt; it doubles with each failure up to {@code retry-last}. */
    @Inject
    @ConfigProperty(name = "dossier.mail.retry-first", defaultValue = "PT1M")
    String retryFirst;

    @Inject
    @ConfigProperty(name = "dossier.mail.retry-last", defaultValue = "PT6H")
    String retryLast;

    @Inject
    @ConfigProperty(name = "dossier.base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    public MailSettings() {
    }

    /** Settings given directly (tests and benchmarks outside the container). */
    public MailSettings(String host, int port, String from, boolean starttls, String baseUrl) {
        this.host = Optional.ofNullable(host);
        this.port = port;
        this.username = Optional.empty();
        this.password = Optional.empty();
        this.from = from;
        this.starttls = starttls;
        this.retryFirst = "PT1M";
        this.retryLast = "PT6H";
        this.baseUrl = baseUrl;
    }

    public boolean configured() {
        return host.filter(h -> !h.isBlank()).isPresent();
    }

    public String host() {
        return host.orElse("");
    }

    public int port() {
        return port;
    }

    public Optional<String> username() {
        return username.filter(u -> !u.isBlank());
    }

    /** For {@code Transport.connect} only. */
    public String password() {
        return password.orElse(null);
    }

    public InternetAddress from() {
        try {
            InternetAddress address = new InternetAddress(from, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new IllegalStateException("dossier.mail.from is not a valid address: " + e.getMessage());
        }
    }

    public Backoff backoff() {
        return new Backoff(Duration.parse(retryFirst), Duration.parse(retryLast));
    }

    /** The site's address without a trailing slash: mails carry absolute links. */
    public String baseUrl() {
        return dossier.site.control.SiteAddress.origin(baseUrl);
    }

    /** A new {@code Message-ID}, unique world-wide: random, at the domain of the sender (else of the site). */
    public String newMessageId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String address = from;
        int at = address.lastIndexOf('@');
        String domain = at >= 0 ? address.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "") : "";
        if (domain.isEmpty()) {
            String siteHost = URI.create(baseUrl()).getHost();
            domain = siteHost == null ? "localhost" : siteHost;
        }
        return "<" + HexFormat.of().formatHex(bytes) + "." + System.currentTimeMillis() + "@" + domain.toLowerCase(Locale.ROOT) + ">";
    }

    /** A session for one connection to the configured server (its properties hold no password). */
    public Session session() {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", host());
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.auth", String.valueOf(username().isPresent()));
        p.put("mail.smtp.starttls.enable", String.valueOf(starttls));
        p.put("mail.smtp.starttls.required", String.valueOf(starttls));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT_MS));
        p.put("mail.smtp.timeout", String.valueOf(TIMEOUT_MS));
        p.put("mail.smtp.writetimeout", String.valueOf(TIMEOUT_MS));
        return Session.getInstance(p);
    }
}
