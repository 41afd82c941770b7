package dev.tandem.store;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Where a document's log ends and its latest snapshot is, updated with every append: opening a
 * document with a million edits reads this row, that snapshot and the recent edits by key, never
 * the whole log (a {@code max(revision)} over the log reads every row on some databases).
 */
@Entity
@Cacheable(false) // read from the database at every append: the truth is there, not in one server's cache
@Table(name = "TANDEM_DOCUMENT")
public class DocumentRecord {
    @Id
    @Column(name = "DOCUMENT_ID", length = 64)
    String documentId;

    /** The last stored revision. */
    @Column(name = "REVISION", nullable = false)
    long revision;

    /** The revision of the latest snapshot; 0 for none. */
    @Column(name = "SNAPSHOT_REVISION", nullable = false)
    long snapshotRevision;

    // Changes go through methods of the entity's own: the JPA provider tracks them there
    // (EclipseLink's woven change tracking does not see a field written from another class).

    void endsAt(long lastRevision) {
        revision = lastRevision;
    }

    void snapshotAt(long snapshot) {
        snapshotRevision = snapshot;
    }
}
