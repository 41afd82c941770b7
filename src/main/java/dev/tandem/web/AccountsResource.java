package dev.tandem.web;

import dev.tandem.access.Account;
import dev.tandem.access.Accounts;
import dev.tandem.access.Person;
import dev.tandem.collab.DocumentRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/accounts}: the accounts people sign in with; administrators list them and add
 * teammates' (docs/protocol.md, "Accounts and sharing").
 */
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {
    @Inject
    Accounts accounts;

    @Inject
    DocumentRegistry registry;

    /** A new account: a user name to sign in with, the name others see, a first password, and its groups. */
    public record NewAccount(String username, String name, String password, boolean admin, List<String> groups) {
    }

    @GET
    public Response list(@Context SecurityContext security) {
        if (!isAdmin(security)) {
            return Problems.of(Response.Status.FORBIDDEN, "only administrators see the accounts");
        }
        List<Account> all = accounts.all();
        return Response.ok(all).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, NewAccount account) {
        if (!isAdmin(security)) {
            return Problems.of(Response.Status.FORBIDDEN, "only administrators add accounts");
        }
        if (account == null) {
            return Problems.of(Response.Status.BAD_REQUEST, "send {\"username\", \"name\", \"password\"}");
        }
        try {
            if (!accounts.create(account.username(), account.name(),
                    account.password() == null ? null : account.password().toCharArray(), account.admin(),
                    account.groups() == null ? Set.of() : Set.copyOf(account.groups()))) {
                return Problems.of(Response.Status.CONFLICT, "an account is named " + account.username() + " already");
            }
        } catch (IllegalArgumentException wrong) {
            return Problems.of(Response.Status.BAD_REQUEST, wrong.getMessage());
        }
        return Response.status(Response.Status.CREATED).entity(accounts.find(account.username()).orElseThrow()).build();
    }

    /** {@code PUT /api/accounts/{username}/groups}: {@code ["writers", "reviewers"]}, the groups it is in from now on. */
    @PUT
    @Path("{username}/groups")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setGroups(@Context SecurityContext security, @PathParam("username") String username,
            List<String> groups) {
        if (!isAdmin(security)) {
            return Problems.of(Response.Status.FORBIDDEN, "only administrators change accounts");
        }
        try {
            if (!accounts.setGroups(username, groups == null ? Set.of() : Set.copyOf(groups))) {
                return Problems.of(Response.Status.NOT_FOUND, "no account is named " + username);
            }
            // whoever is in a document through a group they left is let out at once
            Account account = accounts.find(username).orElseThrow();
            registry.reconsider(username, new Person(username, account.displayName(), account.groups()));
            return Response.noContent().build();
        } catch (IllegalArgumentException | NullPointerException wrong) {
            return Problems.of(Response.Status.BAD_REQUEST, "send the group names, e.g. [\"writers\"]");
        }
    }

    /** {@code DELETE /api/accounts/{username}}: the person can no longer sign in, and leaves every document at once. */
    @DELETE
    @Path("{username}")
    public Response remove(@Context SecurityContext security, @PathParam("username") String username) {
        if (!isAdmin(security)) {
            return Problems.of(Response.Status.FORBIDDEN, "only administrators remove accounts");
        }
        if (username.equals(security.getUserPrincipal().getName())) {
            return Problems.of(Response.Status.BAD_REQUEST, "an administrator does not remove their own account");
        }
        if (!accounts.remove(username)) {
            return Problems.of(Response.Status.NOT_FOUND, "no account is named " + username);
        }
        registry.reconsider(username, null);
        return Response.noContent().build();
    }

    private boolean isAdmin(SecurityContext security) {
        Principal caller = security.getUserPrincipal();
        return caller != null && accounts.find(caller.getName()).map(Account::admin).orElse(false);
    }
}
