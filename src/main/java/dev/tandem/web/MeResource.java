package dev.tandem.web;

import dev.tandem.access.Access;
import dev.tandem.access.Account;
import dev.tandem.access.Accounts;
import dev.tandem.access.Attempts;
import dev.tandem.access.FirstAccount;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /api/me}: who the caller is to this server, for pages to show: signed in or not,
 * their name, whether they manage accounts, and how people are known here ({@code access}:
 * "accounts" or "link"; {@code setup}: no account exists yet).
 */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    @Inject
    Access access;

    @Inject
    Accounts accounts;

    @Inject
    FirstAccount firstAccount;

    @Inject
    Attempts attempts;

    @Context
    HttpServletRequest request;

    public record Me(String access, boolean signedIn, String user, String name, boolean admin, boolean setup,
            List<String> groups) {
    }

    /** A new password, given the one now. */
    public record PasswordChange(String current, String password) {
    }

    /** {@code POST /api/me/password}: {@code {"current": "...", "password": "..."}}; 204, or 403 if the current one is wrong. */
    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(@Context SecurityContext security, PasswordChange change) {
        Principal caller = security.getUserPrincipal();
        if (caller == null || change == null || change.current() == null) {
            return Problems.of(Response.Status.UNAUTHORIZED, "sign in, and send the password you have now");
        }
        if (!attempts.signInAllowed(caller.getName(), request.getRemoteAddr())) {
            return Problems.of(Response.Status.TOO_MANY_REQUESTS, "too many wrong passwords: wait ten minutes");
        }
        try {
            if (accounts.changePassword(caller.getName(), change.current().toCharArray(),
                    change.password() == null ? null : change.password().toCharArray())) {
                return Response.noContent().build();
            }
            attempts.signInFailed(caller.getName(), request.getRemoteAddr()); // a guess, as at the sign-in form
            return Problems.of(Response.Status.FORBIDDEN, "that is not your password now");
        } catch (IllegalArgumentException wrong) {
            return Problems.of(Response.Status.BAD_REQUEST, wrong.getMessage());
        }
    }

    @GET
    public Me me(@Context SecurityContext security) {
        Principal caller = security.getUserPrincipal();
        Optional<Account> account = caller == null ? Optional.empty() : accounts.find(caller.getName());
        String mode = access.mode().name().toLowerCase(Locale.ROOT);
        return new Me(mode, account.isPresent(), account.map(Account::username).orElse(null),
                account.map(Account::displayName).orElse(null), account.map(Account::admin).orElse(false),
                mode.equals("accounts") && firstAccount.needed(),
                account.map(a -> a.groups().stream().sorted().toList()).orElse(List.of()));
    }
}
