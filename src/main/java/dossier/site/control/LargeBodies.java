package dossier.site.control;

import jakarta.ws.rs.ClientErrorException;

/**
 * Addresses that take request bodies larger than the site's default (uploads), as the component that owns them
 * says: the site's body limit asks, and knows nothing else of them.
 */
public interface LargeBodies {

    /** Whether a POST to this JAX-RS path (no leading or trailing slash) may bring a large body. */
    boolean accepts(String path);

    /** How large such a body may be, whole request. */
    long maxRequestBytes();

    /** The refusal of a body over {@link #maxRequestBytes()}. */
    ClientErrorException tooLarge();
}
