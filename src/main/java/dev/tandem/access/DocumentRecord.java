package dev.tandem.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A document's own facts: its owner (its creator; null for a document from before owners, or made
 * where nobody signs in), its title (null: none given) and, once deleted, when.
 */
@Entity
@Table(name = "TANDEM_DOCUMENT")
public class DocumentRecord {
    @Id
    @Column(name = "ID", length = 64)
    String id;

    @Column(name = "OWNER", length = 64)
    String owner;

    @Column(name = "CREATED_UTC", nullable = false)
    LocalDateTime createdUtc;

    /** Up to {@value dev.tandem.access.Titles#MAX_CODE_POINTS} code points: up to twice as many UTF-16 units. */
    @Column(name = "TITLE", length = 400)
    String title;

    @Column(name = "DELETED_UTC")
    LocalDateTime deletedUtc;
}
