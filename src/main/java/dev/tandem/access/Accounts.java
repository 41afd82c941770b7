package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The accounts people sign in with, kept in the database; passwords hashed with PBKDF2 (Jakarta Security's). */
@ApplicationScoped
@Transactional
public class Accounts {
    /** User names: what people type to sign in, and what grants name. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_NAME_LENGTH = 64;

    @PersistenceContext(unitName = "tandem")
    EntityManager entities;

    @Inject
    Pbkdf2PasswordHash hashing;

    public Optional<Account> find(String username) {
        return Optional.ofNullable(username == null ? null : entities.find(AccountRecord.class, username))
                .map(Accounts::account);
    }

    public long count() {
        return entities.createQuery("SELECT COUNT(a) FROM AccountRecord a", Long.class).getSingleResult();
    }

    public List<Account> all() {
        return entities.createQuery("SELECT a FROM AccountRecord a ORDER BY a.username", AccountRecord.class)
                .getResultList().stream().map(Accounts::account).toList();
    }

    /**
     * Adds an account; false if the user name is taken.
     *
     * @throws IllegalArgumentException saying what is wrong with the user name, name or password
     */
    public boolean create(String username, String displayName, char[] password, boolean admin) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 64 of a-z 0-9 . _ -, starting with a letter or digit");
        }
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a display name has 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (entities.find(AccountRecord.class, username) != null) {
            return false;
        }
        AccountRecord row = new AccountRecord();
        row.username = username;
        row.displayName = name;
        row.passwordHash = hashing.generate(password);
        row.admin = admin;
        row.createdUtc = LocalDateTime.now(ZoneOffset.UTC);
        entities.persist(row);
        entities.flush();
        return true;
    }

    /**
     * Records the name a person signed in elsewhere (single sign-on) goes by, so that others see
     * it: an account with no password, which nobody can sign in to with one.
     */
    public void remember(String username, String displayName) {
        String name = displayName == null || displayName.isBlank() ? username : displayName.strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH));
        }
        AccountRecord row = entities.find(AccountRecord.class, username);
        if (row == null) {
            row = new AccountRecord();
            row.username = username;
            row.passwordHash = NO_PASSWORD;
            row.createdUtc = LocalDateTime.now(ZoneOffset.UTC);
            row.displayName = name;
            entities.persist(row);
        } else {
            row.displayName = name;
        }
    }

    /** The hash of an account signed in to elsewhere: no password matches it. */
    private static final String NO_PASSWORD = "!";

    /** The account whose password this is, or empty. */
    public Optional<Account> verify(String username, char[] password) {
        AccountRecord row = username == null ? null : entities.find(AccountRecord.class, username);
        if (row == null) {
            hashing.verify(password, dummyHash()); // as slow as a real check: no telling which names exist
            return Optional.empty();
        }
        if (NO_PASSWORD.equals(row.passwordHash)) {
            hashing.verify(password, dummyHash());
            return Optional.empty();
        }
        return hashing.verify(password, row.passwordHash) ? Optional.of(account(row)) : Optional.empty();
    }

    /** A hash checked against when no account has the name; made once. */
    private volatile String dummyHash;

    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = hashing.generate(Tokens.random().toCharArray());
        }
        return dummyHash;
    }

    private static Account account(AccountRecord row) {
        return new Account(row.username, row.displayName, row.admin);
    }
}
