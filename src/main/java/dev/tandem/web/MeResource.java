package dev.tandem.web;

import dev.tandem.access.Access;
import dev.tandem.access.Account;
import dev.tandem.access.Accounts;
import dev.tandem.access.FirstAccount;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
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

    public record Me(String access, boolean signedIn, String user, String name, boolean admin, boolean setup,
            List<String> groups) {
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
