package dossier.article.boundary;

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
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Scheduled articles go live without a restart: once a second, the articles whose publication time has just
 * passed are announced as changed (in the change log, once for the whole cluster), so that every node's search
 * index takes them in and cached pages (the home page, tags, feeds) are rendered again. Reading pages need no
 * announcement: visibility is decided by the time.
 */
@ApplicationScoped
public class PublishingClock {

    private static final Logger LOG = Logger.getLogger(PublishingClock.class.getName());
    static final long TICK_MILLIS = 1_000;

    @Inject
    ScheduledArticles scheduled;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> ticking;

    void onStart(@Observes @Priority(DatabaseSchema.AFTER_MIGRATION + 10) @Initialized(ApplicationScoped.class) Object event) {
        ticking = scheduler.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            List<Long> live = scheduled.announce(Instant.now());
            if (!live.isEmpty()) {
                LOG.info(() -> live.size() + " scheduled article(s) went live: " + live);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Checking for scheduled articles failed; trying again in a second", e);
        }
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }
}
