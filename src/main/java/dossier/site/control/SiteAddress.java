package dossier.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where readers reach the site ({@code dossier.base-url}): the one place that makes a site path into the absolute
 * address that feeds, structured data, mails and the API's contract carry. Never taken from a request's Host header.
 */
@ApplicationScoped
public class SiteAddress {

    static final String PROPERTY = "dossier.base-url";
    static final String DEFAULT = "http://localhost:8080";

    @Inject
    @ConfigProperty(name = PROPERTY, defaultValue = DEFAULT)
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

    /**
     * The base address for code that is no CDI bean (the OpenAPI filter, which the server makes itself): read from
     * this application's configuration, whichever thread asks.
     */
    public static String configuredOrigin() {
        return origin(ConfigProvider.getConfig(SiteAddress.class.getClassLoader()).getOptionalValue(PROPERTY, String.class)
                .orElse(DEFAULT));
    }
}
