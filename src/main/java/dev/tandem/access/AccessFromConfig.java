package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes {@link Access} of the mode {@code tandem.access} names: {@code accounts} (the default),
 * {@code oidc} or {@code link}.
 */
@ApplicationScoped
public class AccessFromConfig {
    private static final Logger LOG = Logger.getLogger(AccessFromConfig.class.getName());

    @Inject
    JpaAccessStore store;

    @Inject
    FirstAccount firstAccount;

    @Inject
    @ConfigProperty(name = "tandem.access", defaultValue = "accounts")
    String mode;

    /** Dependent: {@link Access} is a final class, and making one costs nothing. */
    @Produces
    Access access() {
        return new Access(mode(), store, Clock.systemUTC());
    }

    AccessMode mode() {
        try {
            return AccessMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalStateException("tandem.access is \"accounts\", \"oidc\" or \"link\", not \"" + mode + "\"");
        }
    }

    /** At start: says how people are known, and how to make the first account if there is none. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.info("Access: " + mode().name().toLowerCase(Locale.ROOT));
        if (mode() == AccessMode.ACCOUNTS) {
            firstAccount.announce();
        }
    }
}
