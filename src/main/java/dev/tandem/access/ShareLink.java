package dev.tandem.access;

import java.time.Instant;

/**
 * A share link: whoever holds its token may open {@code documentId} with {@code role} until
 * {@code expires} (null: until revoked). Only the token's hash is kept; {@code id} names the link
 * for listing and revoking, and says nothing of the token.
 */
public record ShareLink(String id, String documentId, Role role, Instant expires, String createdBy, Instant created) {

    public boolean validAt(Instant now) {
        return expires == null || now.isBefore(expires);
    }
}
