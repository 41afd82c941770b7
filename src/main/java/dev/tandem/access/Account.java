package dev.tandem.access;

/** An account as the rest of Tandem sees it: no password. */
public record Account(String username, String displayName, boolean admin) {
}
