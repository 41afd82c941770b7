package dev.tandem.access;

import java.util.Set;

/**
 * Who is behind a connection, as the server established it, never as the client says: a
 * signed-in account ({@code id} is its user name, {@code name} its display name, {@code groups}
 * the groups it is in) or a guest (not signed in: no id; the name the guest gave, marked as a
 * guest's).
 */
public record Person(String id, String name, Set<String> groups) {
    private static final Person GUEST = new Person(null, null, Set.of());

    public Person {
        groups = Set.copyOf(groups);
    }

    /** Someone signed in, in no group. */
    public Person(String id, String name) {
        this(id, name, Set.of());
    }

    /** Someone not signed in. */
    public static Person guest() {
        return GUEST;
    }

    public boolean signedIn() {
        return id != null;
    }

    /**
     * The name others see: a signed-in person's display name; a guest's own, or "Guest". Where
     * people sign in, a guest's own name is marked as a guest's, so that nobody passes for someone
     * signed in.
     */
    public String shownName(String guestsOwnName, boolean markGuests) {
        if (signedIn()) {
            return name;
        }
        String own = guestsOwnName == null ? "" : guestsOwnName.strip();
        return own.isEmpty() ? "Guest" : markGuests ? own + " (guest)" : own;
    }
}
