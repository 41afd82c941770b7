package dev.tandem.access;

import java.util.Map;

/**
 * Who may open a document besides share links' holders: its owner (null for a document from
 * before owners, which everyone signed in may edit) and its grants, by user name, by group
 * ({@code group:} and the group's name) or {@link #EVERYONE}.
 */
public record DocumentEntry(String id, String owner, Map<String, Role> grants) {
    /** The grantee that stands for everyone signed in. */
    public static final String EVERYONE = "*";
    /** What a grantee that names a group starts with. */
    public static final String GROUP = "group:";

    public DocumentEntry {
        grants = Map.copyOf(grants);
    }
}
