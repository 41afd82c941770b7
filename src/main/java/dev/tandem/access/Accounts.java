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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The accounts people sign in with, kept in the database; passwords hashed with PBKDF2 (Jakarta Security's). */
@ApplicationScoped
@Transactional
public class Accounts {
    /** User names: what people type to sign in, and what grants name. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_NAME_LENGTH = 64;
    /** Group names: as directories and providers name them, without the comma that separates them here. */
    public static final Pattern GROUP = Pattern.compile("[^,\\s][^,]{0,63}");

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
        return create(username, displayName, password, admin, Set.of());
    }

    /** {@link #create(String, String, char[], boolean)}, in {@code groups}. */
    public boolean create(String username, String displayName, char[] password, boolean admin, Set<String> groups) {
        checkGroups(groups);
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
        row.groups = String.join(",", new TreeSet<>(groups));
        row.createdUtc = LocalDateTime.now(ZoneOffset.UTC);
        entities.persist(row);
        entities.flush();
        return true;
    }

    /** Puts the account in exactly {@code groups}; false if there is no such account. */
    public boolean setGroups(String username, Set<String> groups) {
        checkGroups(groups);
        // a query, not a field set on the entity: fields set from outside a woven entity go unnoticed
        return entities.createQuery("UPDATE AccountRecord a SET a.groups = :groups WHERE a.username = :username")
                .setParameter("groups", String.join(",", new TreeSet<>(groups))).setParameter("username", username)
                .executeUpdate() > 0;
    }

    private static void checkGroups(Set<String> groups) {
        for (String group : groups) {
            if (group == null || !GROUP.matcher(group).matches()) {
                throw new IllegalArgumentException("a group name has 1 to 64 characters, no comma, not starting with a space");
            }
        }
    }

    /**
     * Records the name a person signed in elsewhere (single sign-on) goes by, so that others see
     * it: an account with no password, which nobody can sign in to with one.
     */
    public void remember(String username, String displayName, Set<String> groups) {
        Set<String> kept = new TreeSet<>();
        for (String group : groups) {
            if (group != null && GROUP.matcher(group).matches()) {
                kept.add(group);
            }
        }
        String name = displayName == null || displayName.isBlank() ? username : displayName.strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH));
        }
        int updated = entities.createQuery("UPDATE AccountRecord a SET a.displayName = :name, a.groups = :groups"
                + " WHERE a.username = :username").setParameter("name", name)
                .setParameter("groups", String.join(",", kept)).setParameter("username", username).executeUpdate();
        if (updated == 0) {
            AccountRecord row = new AccountRecord();
            row.username = username;
            row.passwordHash = NO_PASSWORD;
            row.createdUtc = LocalDateTime.now(ZoneOffset.UTC);
            row.displayName = name;
            row.groups = String.join(",", kept);
            entities.persist(row);
        }
    }

    /**
     * Removes the account; false if there was none. Its documents stay as they are shared, with
     * their grants and links.
     */
    public boolean remove(String username) {
        return entities.createQuery("DELETE FROM AccountRecord a WHERE a.username = :username")
                .setParameter("username", username).executeUpdate() > 0;
    }

    /**
     * Changes the password of {@code username}, if {@code current} is its password now.
     *
     * @throws IllegalArgumentException if the new password is too short
     */
    public boolean changePassword(String username, char[] current, char[] replacement) {
        if (replacement == null || replacement.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (verify(username, current).isEmpty()) {
            return false;
        }
        return entities.createQuery("UPDATE AccountRecord a SET a.passwordHash = :hash WHERE a.username = :username")
                .setParameter("hash", hashing.generate(replacement)).setParameter("username", username)
                .executeUpdate() > 0;
    }

    /** Whether {@code username} is an account with a password of Tandem's own. */
    public boolean hasPassword(String username) {
        AccountRecord row = entities.find(AccountRecord.class, username);
        return row != null && !NO_PASSWORD.equals(row.passwordHash);
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
        return new Account(row.username, row.displayName, row.admin, row.groups == null || row.groups.isEmpty()
                ? Set.of() : Set.of(row.groups.split(",")));
    }
}
