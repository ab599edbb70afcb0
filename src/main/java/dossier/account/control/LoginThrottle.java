package dossier.account.control;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per account and per address in a sliding window: after {@code limit} failures within
 * the window, further attempts are refused until the oldest failure leaves the window.
 */
@ApplicationScoped
public class LoginThrottle {

    public static final int LIMIT = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    private final int limit;
    private final int addressLimit;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle() {
        this(LIMIT, ConfigProvider.getConfig().getOptionalValue("dossier.login.address-limit", Integer.class).orElse(LIMIT),
                WINDOW);
    }

    /**
     * @param limit        failures allowed per account key
     * @param addressLimit failures allowed per address key (keys starting with {@code address:}); many readers can
     *                     share one address behind a proxy, so operators may raise it
     */
    public LoginThrottle(int limit, int addressLimit, Duration window) {
        this.limit = limit;
        this.addressLimit = addressLimit;
        this.window = window;
    }

    /** Zero when the attempt may go ahead, else how long the caller must wait. */
    public Duration retryAfter(Instant now, String... keys) {
        Duration wait = Duration.ZERO;
        for (String key : keys) {
            Deque<Instant> times = failures.get(key);
            if (times == null) {
                continue;
            }
            synchronized (times) {
                prune(times, now);
                if (times.size() >= (key.startsWith("address:") ? addressLimit : limit)) {
                    Duration until = Duration.between(now, times.peekFirst().plus(window));
                    if (until.compareTo(wait) > 0) {
                        wait = until;
                    }
                }
            }
        }
        return wait;
    }

    public void failed(Instant now, String... keys) {
        for (String key : keys) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                prune(times, now);
                times.addLast(now);
            }
        }
    }

    public void succeeded(String accountKey) {
        failures.remove(accountKey);
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }
}
