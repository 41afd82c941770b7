package dev.tandem.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A document's whole text at a revision, so that opening it replays only the edits after. */
@Entity
@Table(name = "TANDEM_SNAPSHOT")
@IdClass(SnapshotRecord.Key.class)
public class SnapshotRecord {
    @Id
    @Column(name = "DOCUMENT_ID", length = 64)
    String documentId;

    @Id
    @Column(name = "REVISION")
    long revision;

    @Lob
    @Column(name = "TEXT", nullable = false)
    String text;

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String documentId;
        long revision;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key key && key.documentId.equals(documentId) && key.revision == revision;
        }

        @Override
        public int hashCode() {
            return documentId.hashCode() * 31 + Long.hashCode(revision);
        }
    }
}
