package dev.tandem.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A role in a document granted to a user, or to everyone signed in ({@link DocumentEntry#EVERYONE}). */
@Entity
@Table(name = "TANDEM_GRANT")
@IdClass(GrantKey.class)
public class GrantRecord {
    @Id
    @Column(name = "DOCUMENT_ID", length = 64)
    String documentId;

    @Id
    @Column(name = "GRANTEE", length = 80)
    String grantee;

    @Column(name = "ROLE", length = 8, nullable = false)
    String role;
}
