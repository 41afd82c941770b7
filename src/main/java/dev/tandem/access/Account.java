package dev.tandem.access;

import java.util.Set;

/** An account as the rest of Tandem sees it: no password. */
public record Account(String username, String displayName, boolean admin, Set<String> groups) {
    public Account {
        groups = Set.copyOf(groups);
    }
}
