package dev.tandem.access;

import java.util.Locale;

/** What someone may do with a document, each role all that the one before may. */
public enum Role {
    /** Sees the text, who is there and every edit as it happens; cannot edit. */
    VIEWER,
    /** Edits too. */
    EDITOR,
    /** Edits, and decides who else may (the document's creator). */
    OWNER;

    public boolean canEdit() {
        return this != VIEWER;
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** As the protocol and the API spell it: "viewer", "editor", "owner". */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role spelt {@code text}, or null. */
    public static Role fromWire(String text) {
        for (Role role : values()) {
            if (role.wire().equals(text)) {
                return role;
            }
        }
        return null;
    }
}
