package dev.tandem.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A row of the operation log: unique on (document, revision), which is its key. */
@Entity
@Table(name = "TANDEM_EDIT")
@IdClass(RevisionKey.class)
public class EditRecord {
    @Id
    @Column(name = "DOCUMENT_ID", length = 64)
    String documentId;

    @Id
    @Column(name = "REVISION")
    long revision;

    @Column(name = "CLIENT_ID", length = 64, nullable = false)
    String clientId;

    @Column(name = "SEQ", nullable = false)
    long seq;

    /** The signed-in person who made it; null for a guest's edit, or one from before people signed in. */
    @Column(name = "AUTHOR", length = 64)
    String author;

    /** The name shown for its author when it was made. */
    @Column(name = "AUTHOR_NAME", length = 80)
    String authorName;

    /** The operation in its wire form (docs/protocol.md), as JSON. */
    @Lob
    @Column(name = "OP", nullable = false)
    String op;

    /** When it was applied, in UTC (a SQL timestamp, which every database reads). */
    @Column(name = "APPLIED_UTC", nullable = false)
    LocalDateTime appliedUtc;
}
