package dossier.account.boundary;

import dossier.mail.boundary.Outbox;
import jakarta.persistence.EntityManager;

import java.util.Optional;

/** E-mail verifications on a given entity manager and outbox, for tests outside the container. */
public final class EmailVerificationsOn {

    private EmailVerificationsOn() {
    }

    public static EmailVerifications of(EntityManager em, Outbox outbox, boolean required) {
        EmailVerifications v = new EmailVerifications();
        v.em = em;
        v.outbox = outbox;
        v.requireVerifiedEmail = Optional.of(required);
        return v;
    }
}
