package dev.tandem.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** A document's whole text at a revision, so that opening it replays only the edits after. */
@Entity
@Table(name = "TANDEM_SNAPSHOT")
@IdClass(RevisionKey.class)
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
}
