package dev.tandem.store;

import java.io.Serializable;

/** The key of the log's and the snapshots' rows: a document and one of its revisions. */
public class RevisionKey implements Serializable {
    private static final long serialVersionUID = 1L;
    String documentId;
    long revision;

    @Override
    public boolean equals(Object o) {
        return o instanceof RevisionKey key && key.documentId.equals(documentId) && key.revision == revision;
    }

    @Override
    public int hashCode() {
        return documentId.hashCode() * 31 + Long.hashCode(revision);
    }
}
