package dossier.site.boundary;

import dossier.site.control.ReturnAddress;
import dossier.site.control.Roles;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Enforces the {@code @RolesAllowed} of every resource method ({@link Roles}) before it runs. A caller who is not
 * logged in is sent to the login form and back (pages) or answered 401 (the JSON API); a logged-in caller
 * without the role gets 403 with the reason.
 */
@Provider
public class RoleCheck implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        List<String> allowed = Roles.allowed(resource.getResourceClass(), resource.getResourceMethod());
        if (allowed != null) {
            context.register(new Check(allowed), FIRST);
        }
    }

    /**
     * Just before {@code AUTHORIZATION}: Payara registers a role filter of its own (MicroProfile JWT's) at that
     * priority, and of two filters at one priority either may run first, so a refusal was sometimes Payara's bare
     * 401/403 instead of the way to the login form or the reason.
     */
    static final int FIRST = Priorities.AUTHORIZATION - 1;

    @Priority(FIRST)
    static final class Check implements ContainerRequestFilter {

        private final List<String> allowed;

        Check(List<String> allowed) {
            this.allowed = List.copyOf(allowed);
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext security = request.getSecurityContext();
            for (String role : allowed) {
                if (Roles.ANY_ACCOUNT.equals(role) ? security.getUserPrincipal() != null : security.isUserInRole(role)) {
                    return;
                }
            }
            if (security.getUserPrincipal() != null) {
                throw new ForbiddenException(Roles.refusal(allowed));
            }
            if (request.getUriInfo().getPath().replaceFirst("^/+", "").startsWith("api/")) {
                throw new NotAuthorizedException("Log in first, or send a personal API token.", "Bearer");
            }
            throw new WebApplicationException(Response.seeOther(URI.create("/login?return="
                    + URLEncoder.encode(returnTo(request), StandardCharsets.UTF_8))).build());
        }

        /** Back to this page after the login; after a form sent from a page of this site, to that page. */
        private static String returnTo(ContainerRequestContext request) {
            URI asked = request.getUriInfo().getRequestUri();
            if ("GET".equals(request.getMethod())) {
                String query = asked.getRawQuery();
                return ReturnAddress.safe(asked.getRawPath() + (query == null ? "" : "?" + query));
            }
            String referer = request.getHeaderString("Referer");
            try {
                URI from = referer == null ? null : URI.create(referer);
                if (from != null && (from.getHost() == null || from.getHost().equalsIgnoreCase(asked.getHost()))) {
                    String query = from.getRawQuery();
                    return ReturnAddress.safe(from.getRawPath() + (query == null ? "" : "?" + query));
                }
            } catch (IllegalArgumentException e) {
                // an address that is not one: back to the home page
            }
            return "/";
        }
    }
}
