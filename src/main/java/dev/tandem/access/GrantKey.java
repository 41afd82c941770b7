package dev.tandem.access;

import java.io.Serializable;
import java.util.Objects;

/** The key of a grant's row: a document and whom it is granted to. */
public class GrantKey implements Serializable {
    private static final long serialVersionUID = 1L;
    String documentId;
    String grantee;

    @Override
    public boolean equals(Object o) {
        return o instanceof GrantKey key && key.documentId.equals(documentId) && key.grantee.equals(grantee);
    }

    @Override
    public int hashCode() {
        return Objects.hash(documentId, grantee);
    }
}
