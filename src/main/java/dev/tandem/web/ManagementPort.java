package dev.tandem.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * MicroProfile's endpoints ({@code /health}, {@code /metrics}, {@code /openapi}), which Payara
 * serves in the root context, Tandem's, answer only on the management port
 * ({@code tandem.management-port}, where the README's set-up listens on loopback alone): on every
 * other port they do not exist (404), so that nobody on the network, nor anyone whose requests a
 * proxy on the host relays, reads them.
 */
@WebFilter(urlPatterns = {"/health", "/health/*", "/metrics", "/metrics/*", "/openapi", "/openapi/*"},
        asyncSupported = true)
public class ManagementPort extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "tandem.management-port", defaultValue = "9080")
    int port;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getLocalPort() != port) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }
}
