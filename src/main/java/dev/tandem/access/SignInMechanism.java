package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.Set;

/**
 * How people sign in (Jakarta Security): a user name and password posted to {@code /signin},
 * checked by the container's identity stores, then remembered in the HTTP session. Pages and the
 * API decide for themselves what a caller who has not signed in may do (a share link's holder
 * may open its document); only the home page sends them to sign in. Does nothing when nobody
 * signs in ({@code tandem.access=link}).
 */
@ApplicationScoped
@AutoApplySession
public class SignInMechanism implements HttpAuthenticationMechanism {
    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    AccessFromConfig config;

    @Inject
    Attempts attempts;

    @Inject
    Accounts accounts;

    @Inject
    Directory directory;

    @Inject
    Origins origins;

    /** Set on a sign-in refused, unchecked, for too many failures: the page says so. */
    public static final String THROTTLED = "tandem.sign-in-throttled";

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if (config.mode() != AccessMode.ACCOUNTS) {
            return context.doNothing();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("POST".equals(request.getMethod()) && path.equals("/signin")) {
            if (!origins.fromOwnPage(request)) {
                return context.doNothing(); // no page of another site signs anyone in (the servlet answers 403)
            }
            String username = request.getParameter("username");
            String password = request.getParameter("password");
            if (username != null && password != null) {
                String user = username.strip();
                if (!attempts.signInAllowed(user, request.getRemoteAddr())) {
                    request.setAttribute(THROTTLED, true);
                    return context.doNothing();
                }
                CredentialValidationResult result = identityStores.validate(
                        new UsernamePasswordCredential(user, password));
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    if (!accounts.hasPassword(user)) {
                        // the directory knew them: keep the name and groups it gives, for others to see
                        Set<String> groups = new HashSet<>(result.getCallerGroups());
                        groups.remove(AccountIdentityStore.ADMINS);
                        accounts.remember(user, directory.displayName(result.getCallerDn()).orElse(user), groups);
                    }
                    return context.notifyContainerAboutLogin(result);
                }
                attempts.signInFailed(user, request.getRemoteAddr());
            }
            return context.doNothing(); // the sign-in servlet says it did not work
        }
        if (path.equals("/") || path.equals("/index.html")) {
            return context.redirect(request.getContextPath() + "/signin");
        }
        return context.doNothing();
    }
}
