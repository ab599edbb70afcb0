package dossier.comment.boundary;

import dossier.site.control.DatabaseSchema;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every second, on every node: queued comments become mails ({@link Notifications#notifyQueued}), and once a day the
 * digests go out ({@link Notifications#sendDigests}). Both look without a lock first, so an idle tick costs two
 * small reads; the work itself is done under the lock of one row, once for the whole cluster, as the publishing
 * clock and the mail sender do.
 */
@ApplicationScoped
public class NotificationClock {

    private static final Logger LOG = Logger.getLogger(NotificationClock.class.getName());
    static final long TICK_MILLIS = 1_000;

    @Inject
    Notifications notifications;

    @Inject
    Subscriptions subscriptions;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> ticking;

    void onStart(@Observes @Priority(DatabaseSchema.AFTER_MIGRATION + 30) @Initialized(ApplicationScoped.class) Object event) {
        subscriptions.tokens(); // the signing key exists before the first mail needs it
        ticking = scheduler.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            Instant now = Instant.now();
            while (notifications.anyQueued() && notifications.notifyQueued(now) == Notifications.BATCH) {
                now = Instant.now();
            }
            if (notifications.digestsDue(now)) {
                notifications.sendDigests(now);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sending notifications failed; trying again in a second", e);
        }
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }
}
