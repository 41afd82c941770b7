package dev.tandem.access;

/** How people are known to Tandem ({@code tandem.access}). */
public enum AccessMode {
    /**
     * People sign in with accounts kept in the database; documents have owners, grants and share
     * links (the default).
     */
    ACCOUNTS,
    /** Nobody signs in: whoever has a document's address edits it. */
    LINK
}
