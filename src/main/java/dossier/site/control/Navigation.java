package dossier.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The masthead's links after "Latest", from the configuration key {@code dossier.nav}: {@code label=/path} pairs
 * separated by commas, in order ({@code none} for no links). The default links the site's own hub of frameworks,
 * the article whose front matter sets {@code path: /llm-onpremise}; a site with other content names its own.
 */
@ApplicationScoped
public class Navigation {

    public static final String DEFAULT = "On-premise LLMs=/llm-onpremise";

    /** Only addresses of this site: one or more path segments, no scheme, no host. */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?!/)[^\\s\"'<>\\\\]*");

    public record Link(String label, String path) {
    }

    private final List<Link> links;

    @Inject
    public Navigation(@ConfigProperty(name = "dossier.nav", defaultValue = DEFAULT) String configured) {
        links = parse(configured);
    }

    /** For the container's proxy only. */
    protected Navigation() {
        links = List.of();
    }

    public List<Link> links() {
        return links;
    }

    static List<Link> parse(String configured) {
        String value = configured == null ? DEFAULT : configured.strip();
        if (value.isEmpty() || value.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Link> links = new ArrayList<>();
        for (String pair : value.split(",", -1)) {
            int equals = pair.lastIndexOf('=');
            String label = equals < 0 ? "" : pair.substring(0, equals).strip();
            String path = equals < 0 ? "" : pair.substring(equals + 1).strip();
            if (label.isEmpty() || !LOCAL_PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("dossier.nav needs label=/path pairs separated by commas, not '"
                        + pair.strip() + "'");
            }
            links.add(new Link(label, path));
        }
        return List.copyOf(links);
    }
}
