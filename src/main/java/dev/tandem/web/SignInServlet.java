package dev.tandem.web;

import dev.tandem.access.Access;
import dev.tandem.access.AccessMode;
import dev.tandem.access.Accounts;
import dev.tandem.access.FirstAccount;
import dev.tandem.access.Origins;
import dev.tandem.access.SignInMechanism;
import dev.tandem.access.SignOuts;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * {@code /signin}: the sign-in page (GET), and where it posts (the container's mechanism has
 * checked the password by then: signed in, the person goes on to where they were going; not, back
 * to the page, which says so). {@code /setup}: the first account, with the setup token.
 * {@code /signout}: ends the session, on every node. {@code /sso}: where single sign-on (OpenID Connect) leads
 * back to, signed in (the container's mechanism has dealt with the provider by then).
 */
@WebServlet(urlPatterns = {"/signin", "/setup", "/signout", "/sso"})
public class SignInServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    FirstAccount firstAccount;

    @Inject
    Origins origins;

    @Inject
    Access access;

    @Inject
    Accounts accounts;

    @Inject
    Instance<OpenIdContext> openId;

    @Inject
    SignOuts signOuts;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String base = request.getContextPath();
        if (request.getServletPath().equals("/sso")) {
            if (request.getUserPrincipal() != null) {
                // the name others see: the provider's for this person
                OpenIdContext signedIn = openId.get();
                accounts.remember(request.getUserPrincipal().getName(),
                        signedIn.getClaims().getStringClaim("name").orElse(null),
                        Set.copyOf(signedIn.getClaims().getArrayStringClaim("groups")));
                SignOuts.signedIn(request);
            }
            response.sendRedirect(base + "/");
            return;
        }
        if (!request.getServletPath().equals("/signin")) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        if (access.mode() == AccessMode.OIDC) {
            response.sendRedirect(base + "/sso"); // the provider's sign-in, not a form of ours
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/signin.html").forward(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!origins.fromOwnPage(request)) {
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
                SignOuts.signedIn(request);
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
                signOuts.signOut(request);
                response.sendRedirect(base + "/signin?signed-out");
            }
        }
    }
}
