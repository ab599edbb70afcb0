package dossier.mail.boundary;

import dossier.mail.control.MailSettings;
import dossier.mail.entity.MailQueued;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.persistence.EntityManager;

import java.lang.annotation.Annotation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An outbox on a given entity manager, for tests outside the container (nobody listens for queued mails there). */
public final class Outboxes {

    private Outboxes() {
    }

    public static Outbox on(EntityManager em, MailSettings settings) {
        Outbox o = new Outbox();
        o.em = em;
        o.settings = settings;
        o.queued = new Event<>() {
            @Override
            public void fire(MailQueued event) {
            }

            @Override
            public <U extends MailQueued> CompletionStage<U> fireAsync(U event) {
                return CompletableFuture.completedFuture(event);
            }

            @Override
            public <U extends MailQueued> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
                return CompletableFuture.completedFuture(event);
            }

            @Override
            public Event<MailQueued> select(Annotation... qualifiers) {
                return this;
            }

            @Override
            public <U extends MailQueued> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <U extends MailQueued> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }
        };
        return o;
    }
}
