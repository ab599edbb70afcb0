package dossier.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where readers reach the site ({@code dossier.base-url}): the one place that makes a site path into the absolute
 * address that feeds, structured data and mails carry. Never taken from a request's Host header.
 */
@ApplicationScoped
public class SiteAddress {

    @Inject
    @ConfigProperty(name = "dossier.base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    /** The base address without a trailing slash. */
    public String origin() {
        return origin(baseUrl);
    }

    /** {@code path} (starting with a slash) as an absolute address. */
    public String absolute(String path) {
        return origin() + path;
    }

    /** A configured base address without its trailing slashes. */
    public static String origin(String baseUrl) {
        return baseUrl.replaceAll("/+$", "");
    }
}
