package dev.tandem.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A document's owner: its creator (null for a document from before owners). */
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
}
