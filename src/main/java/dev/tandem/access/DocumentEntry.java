package dev.tandem.access;

import java.util.Map;

/**
 * Who may open a document besides share links' holders: its owner (null for a document from
 * before owners, which everyone signed in may edit) and its grants, by user name or
 * {@link #EVERYONE}.
 */
public record DocumentEntry(String id, String owner, Map<String, Role> grants) {
    /** The grantee that stands for everyone signed in. */
    public static final String EVERYONE = "*";

    public DocumentEntry {
        grants = Map.copyOf(grants);
    }
}
