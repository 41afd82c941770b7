package dev.tandem.access;

/** How people are known to Tandem ({@code tandem.access}). */
public enum AccessMode {
    /**
     * People sign in with accounts kept in the database; documents have owners, grants and share
     * links (the default).
     */
    ACCOUNTS,
    /**
     * People sign in through the company's OpenID Connect provider (single sign-on); documents
     * have owners, grants and share links, as with accounts.
     */
    OIDC,
    /** Nobody signs in: whoever has a document's address edits it. */
    LINK;

    /** Whether people sign in, and documents have owners. */
    public boolean signsIn() {
        return this != LINK;
    }
}
