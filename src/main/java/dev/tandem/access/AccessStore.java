package dev.tandem.access;

import java.util.List;
import java.util.Optional;

/** Where documents' owners, grants, share links and client ids' holders are kept. */
public interface AccessStore {

    /**
     * Binds {@code clientId} to {@code holder} unless it is bound already; answers the holder it
     * is bound to now (that one, or an earlier one).
     */
    String claimClient(String clientId, String holder);

    Optional<DocumentEntry> document(String id);

    /** Records a new document owned by {@code owner}; false if the id is taken. */
    boolean createDocument(String id, String owner);

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
