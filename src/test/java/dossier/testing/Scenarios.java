package dossier.testing;

import java.net.URL;

/**
 * A group of system-test scenarios run against the one server that {@code dossier.SystemIT} deploys: the address
 * it answers at, and the visitors the scenarios start from.
 */
public abstract class Scenarios {

    protected final URL base;

    protected Scenarios(URL base) {
        this.base = base;
    }

    /** A visitor with no account and no cookies yet. */
    protected Browser visitor() throws Exception {
        return new Browser(base.toURI());
    }

    /** The test administrator, logged in. */
    protected Browser editor() throws Exception {
        return Browser.editor(base.toURI());
    }

    /** A newly registered reader, logged in. */
    protected Browser reader() throws Exception {
        return Browser.reader(base.toURI());
    }
}
