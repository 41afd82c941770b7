package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;

/** Turns the container's caller into a {@link Person}: whom the transports connect. */
@ApplicationScoped
public class People {
    @Inject
    Accounts accounts;

    /**
     * The person signed in as {@code caller}; a guest if nobody is signed in (null), or if the
     * account is gone.
     */
    public Person of(Principal caller) {
        if (caller == null) {
            return Person.guest();
        }
        String username = caller.getName();
        // a session that outlived its account (removed since) speaks for nobody
        return accounts.find(username).map(account -> new Person(username, account.displayName(), account.groups()))
                .orElse(Person.guest());
    }
}
