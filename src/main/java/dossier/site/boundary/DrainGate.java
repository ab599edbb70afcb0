package dossier.site.boundary;

import dossier.site.control.Drain;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The first filter of every request (mapped first in {@code web.xml}): counts the requests being answered, and
 * while the node is stopping answers 503 before anything else runs, so that the proxy in front may send the
 * request to another node, a POST too: this 503 always means that nothing was done.
 */
public class DrainGate extends HttpFilter {

    @Inject
    Drain drain;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            if (drain.enter()) {
                chain.doFilter(request, response);
            } else {
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                response.setHeader("Retry-After", "1");
                response.setHeader("Connection", "close");
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write("This server is stopping; please send the request again.\n");
                response.flushBuffer();
            }
        } finally {
            drain.leave();
        }
    }
}
