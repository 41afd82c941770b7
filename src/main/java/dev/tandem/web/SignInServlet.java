package dev.tandem.web;

import dev.tandem.transport.Origins;
import dev.tandem.access.FirstAccount;
import dev.tandem.access.SignInMechanism;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /signin}: the sign-in page (GET), and where it posts (the container's mechanism has
 * checked the password by then: signed in, the person goes on to where they were going; not, back
 * to the page, which says so). {@code /setup}: the first account, with the setup token.
 * {@code /signout}: ends the session.
 */
@WebServlet(urlPatterns = {"/signin", "/setup", "/signout"})
public class SignInServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    FirstAccount firstAccount;

    @Inject
    Origins origins;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!request.getServletPath().equals("/signin")) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/signin.html").forward(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!Pages.sameOrigin(request, origins)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        String base = request.getContextPath();
        switch (request.getServletPath()) {
            case "/signin" -> {
                if (request.getUserPrincipal() == null) {
                    response.sendRedirect(base + (request.getAttribute(SignInMechanism.THROTTLED) != null
                            ? "/signin?throttled" : "/signin?failed"));
                    return;
                }
                request.changeSessionId(); // a session id known before signing in is worth nothing after
                response.sendRedirect(base + Pages.localPath(request.getParameter("next")));
            }
            case "/setup" -> {
                String password = request.getParameter("password");
                try {
                    boolean made = firstAccount.make(request.getParameter("token"), request.getParameter("username"),
                            request.getParameter("name"), password == null ? null : password.toCharArray());
                    response.sendRedirect(base + (made ? "/signin?made" : "/signin?setup-failed"));
                } catch (IllegalArgumentException wrong) {
                    response.sendRedirect(base + "/signin?setup-failed");
                }
            }
            default -> {
                request.logout();
                if (request.getSession(false) != null) {
                    request.getSession(false).invalidate();
                }
                response.sendRedirect(base + "/signin?signed-out");
            }
        }
    }
}
