package dev.tandem.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where documents' owners, titles, grants, share links and client ids' holders are kept. */
public interface AccessStore {

    /**
     * Binds {@code clientId} to {@code holder} unless it is bound already; answers the holder it
     * is bound to now (that one, or an earlier one).
     */
    String claimClient(String clientId, String holder);

    Optional<DocumentEntry> document(String id);

    /** Records a new document owned by {@code owner}; false if the id is taken. */
    boolean createDocument(String id, String owner);

    /** Gives the document {@code title} (null: none). */
    void setTitle(String documentId, String title);

    /** Marks the document deleted at {@code when}, or no longer deleted (null). */
    void setDeleted(String documentId, Instant when);

    /**
     * The documents {@code user} owns (deleted ones too), those granted to them, to one of their
     * {@code groups} or to everyone, and those nobody owns; at most {@code limit}.
     */
    List<DocumentEntry> documentsOf(String user, Set<String> groups, int limit);

    /** Documents deleted before {@code when}, at most {@code limit}. */
    List<String> deletedBefore(Instant when, int limit);

    /** Forgets the document: its record, grants and share links. */
    void forget(String documentId);

    /** Makes {@code owner} the document's owner. */
    void setOwner(String documentId, String owner);

    /** Gives {@code grantee} (a user name, or {@link DocumentEntry#EVERYONE}) {@code role}, or none (null). */
    void setGrant(String documentId, String grantee, Role role);

    /** The link whose token hashes to {@code tokenHash}, if any. */
    Optional<ShareLink> linkByTokenHash(String tokenHash);

    void addLink(ShareLink link, String tokenHash);

    /** Removes the link; false if {@code documentId} has no link {@code linkId}. */
    boolean removeLink(String documentId, String linkId);

    List<ShareLink> links(String documentId);
}
