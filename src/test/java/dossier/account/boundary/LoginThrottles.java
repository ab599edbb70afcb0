package dossier.account.boundary;

import jakarta.persistence.EntityManager;

/** A login throttle on a given entity manager, for tests outside the container. */
public final class LoginThrottles {

    private LoginThrottles() {
    }

    public static LoginThrottle on(EntityManager em, int addressLimit) {
        LoginThrottle t = new LoginThrottle();
        t.em = em;
        t.addressLimit = addressLimit;
        t.self = t;
        return t;
    }
}
