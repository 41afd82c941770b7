package dev.tandem.transport;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses, with 403, connections from pages of other sites, before any WebSocket upgrade or long poll. Allowed
 * origins besides the server's own: {@code tandem.allowed-origins}, comma-separated.
 */
@WebFilter(urlPatterns = {"/ws/*", "/lp/*"}, asyncSupported = true)
public class OriginFilter extends HttpFilter {

    @Inject
    @ConfigProperty(name = "tandem.allowed-origins")
    Optional<String> allowedOrigins;

    private OriginPolicy policy;

    @Override
    public void init() {
        policy = new OriginPolicy(allowedOrigins.stream()
                .flatMap(list -> Arrays.stream(list.split(",")))
                .filter(origin -> !origin.isBlank())
                .toList());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (!policy.allows(origin, request.getHeader("Host"))) {
            // a fixed message: the origin is the caller's text
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("403 Forbidden: pages of this origin may not connect; see tandem.allowed-origins");
            return;
        }
        chain.doFilter(request, response);
    }
}
