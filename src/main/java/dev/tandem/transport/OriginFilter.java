package dev.tandem.transport;

import dev.tandem.access.Origins;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses, with 403, connections from pages of other sites, before any WebSocket upgrade or long
 * poll ({@link Origins}).
 */
@WebFilter(urlPatterns = {"/ws/*", "/lp/*"}, asyncSupported = true)
public class OriginFilter extends HttpFilter {

    @Inject
    Origins origins;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        boolean crossSiteWithoutOrigin = origin == null && "cross-site".equals(request.getHeader("Sec-Fetch-Site"));
        if (crossSiteWithoutOrigin || !origins.policy().allows(origin, request.getHeader("Host"))) {
            // a fixed message: the origin is the caller's text
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("403 Forbidden: pages of this origin may not connect; see tandem.allowed-origins");
            return;
        }
        chain.doFilter(request, response);
    }
}
