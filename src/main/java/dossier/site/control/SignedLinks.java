package dossier.site.control;

/**
 * Addresses whose POST carries its own proof (a signed token in the address, as the unsubscribe links of mails
 * do), as the component that owns them says: the CSRF filter asks, and knows nothing else of them.
 */
public interface SignedLinks {

    /** Whether a POST to this JAX-RS path (no leading or trailing slash) needs no CSRF token. */
    boolean provesItself(String path);
}
