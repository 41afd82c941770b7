package dev.tandem.web;

import dev.tandem.access.SignOuts;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;

/**
 * A request that names a session signed out on any node of the cluster is nobody's: the session
 * is ended here too, and the request goes on as one of someone not signed in. (A node may load a
 * signed-out session from the grid's copy after it heard of the sign-out: {@link SignOuts}.)
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class EndedSessions extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    SignOuts signOuts;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = request.getRequestedSessionId();
        if (id == null || !signOuts.ended(id)) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyEnded) {
                // ended meanwhile
            }
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return null;
            }

            @Override
            public String getRemoteUser() {
                return null;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public String getAuthType() {
                return null;
            }
        }, response);
    }
}
