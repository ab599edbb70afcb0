package dossier.site.boundary;

import dossier.site.control.Latency;
import dossier.site.control.Routes;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.io.IOException;

/**
 * Times every request from the moment it reaches the application to the end of its answer, whoever answers it (a
 * resource, a page kept in memory by {@link CachedPages}, the platform's {@code /metrics} and {@code /health}), as
 * {@code dossier_requests} by route template and status class ({@link Routes}). {@code web.xml} maps it right after
 * the drain gate ({@link DrainGate}: its 503s while the node stops are not answers, the proxy sends those requests to
 * another node) and before {@code cached-pages}, so pages served from memory are counted too. It reads the request
 * and never starts a session.
 */
@WebFilter(filterName = "request-metrics", urlPatterns = "/*", asyncSupported = true)
public class RequestMetrics extends HttpFilter {

    @Inject
    MetricRegistry registry;

    private Latency requests = Latency.unregistered("dossier_requests", "route", "status");

    @Override
    public void init() {
        requests = Latency.in(registry, "dossier_requests", "HTTP requests answered, by route template and status class",
                "route", "status");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        boolean thrown = true;
        try {
            chain.doFilter(request, response);
            thrown = false;
        } finally {
            if (!thrown && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        record(request, response.getStatus(), start);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                        // onComplete follows
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                        // onComplete follows
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                        event.getAsyncContext().addListener(this);
                    }
                });
            } else {
                // An exception that leaves the application becomes the container's 500.
                record(request, thrown ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus(), start);
            }
        }
    }

    private void record(HttpServletRequest request, int status, long start) {
        Object route = request.getAttribute(Routes.ATTRIBUTE);
        requests.record(System.nanoTime() - start,
                route instanceof String named ? named : Routes.unlabelled(request.getHttpServletMapping().getPattern()),
                Routes.statusClass(status));
    }
}
