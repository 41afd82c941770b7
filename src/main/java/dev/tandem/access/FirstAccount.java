package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first account, an administrator, made at first start: whoever holds the setup token (from
 * {@code tandem.setup-token}, or made at start and written to the server's log, where only the
 * person who started the server reads it) makes it at {@code /signin}. Once there is an account,
 * the token opens nothing.
 */
@ApplicationScoped
public class FirstAccount {
    private static final Logger LOG = Logger.getLogger(FirstAccount.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    @ConfigProperty(name = "tandem.setup-token")
    Optional<String> configuredToken;

    private volatile String token;

    /** Whether no account exists yet. */
    public boolean needed() {
        return accounts.count() == 0;
    }

    /** At start: if no account exists, says how to make the first. */
    void announce() {
        if (needed()) {
            token = configuredToken.filter(value -> !value.isBlank()).orElseGet(Tokens::random);
            LOG.warning("Tandem has no accounts yet: open /signin and make the first one, an administrator,"
                    + " with the setup token " + (configuredToken.isPresent() ? "set in tandem.setup-token" : token));
        }
    }

    /**
     * Makes the first account if {@code offered} is the setup token and none exists yet.
     *
     * @throws IllegalArgumentException saying what is wrong with the account's details
     */
    public synchronized boolean make(String offered, String username, String displayName, char[] password) {
        String expected = token;
        if (expected == null || offered == null || !needed() || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), offered.strip().getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        boolean made = accounts.create(username, displayName, password, true);
        if (made) {
            token = null;
        }
        return made;
    }
}
