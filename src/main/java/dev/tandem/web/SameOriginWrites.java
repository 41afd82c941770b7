package dev.tandem.web;

import dev.tandem.access.Origins;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses API calls that change something when a page of another site makes them (cross-site
 * request forgery with the person's session cookie): only the server's own pages, and programs,
 * may.
 */
@Provider
public class SameOriginWrites implements ContainerRequestFilter {
    @Context
    HttpServletRequest request;

    @Inject
    Origins origins;

    @Override
    public void filter(ContainerRequestContext context) {
        String method = context.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS") && !origins.fromOwnPage(request)) {
            context.abortWith(Problems.of(Response.Status.FORBIDDEN, "pages of other sites may not change anything here"));
        }
    }
}
