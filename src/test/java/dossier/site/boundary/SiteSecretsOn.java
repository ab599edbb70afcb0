package dossier.site.boundary;

import jakarta.persistence.EntityManager;

/** The site's keys on a test's own entity manager (the key is made in the caller's transaction). */
public final class SiteSecretsOn {

    private SiteSecretsOn() {
    }

    public static SiteSecrets on(EntityManager em) {
        SiteSecrets secrets = new SiteSecrets();
        secrets.em = em;
        secrets.self = secrets;
        return secrets;
    }
}
