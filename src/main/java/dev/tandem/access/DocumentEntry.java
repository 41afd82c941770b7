package dev.tandem.access;

import java.time.Instant;
import java.util.Map;

/**
 * A document as access knows it: who may open it besides share links' holders (its owner, null for
 * a document from before owners, which everyone signed in may edit, and its grants, by user name,
 * by group ({@code group:} and the group's name) or {@link #EVERYONE}), its title (null: none),
 * and when it was deleted (null: it was not). A deleted document opens for nobody.
 */
public record DocumentEntry(String id, String owner, Map<String, Role> grants, String title, Instant deleted) {
    /** The grantee that stands for everyone signed in. */
    public static final String EVERYONE = "*";
    /** What a grantee that names a group starts with. */
    public static final String GROUP = "group:";

    public DocumentEntry {
        grants = Map.copyOf(grants);
    }

    /** A document that was never titled or deleted. */
    public DocumentEntry(String id, String owner, Map<String, Role> grants) {
        this(id, owner, grants, null, null);
    }
}
