package dossier.site.boundary;

import dossier.site.control.Routes;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;

/**
 * Names the route of every request a resource method answers ({@link Routes#template}), for {@link RequestMetrics}:
 * as soon as the method is matched (before any check that may refuse the request) and again with the response.
 */
@Provider
@Priority(1)
public class MatchedRoutes implements ContainerRequestFilter, ContainerResponseFilter {

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        name();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        name();
    }

    private void name() {
        Method method = resource.getResourceMethod();
        if (method != null) {
            servletRequest.setAttribute(Routes.ATTRIBUTE, Routes.template(resource.getResourceClass(), method));
        }
    }
}
