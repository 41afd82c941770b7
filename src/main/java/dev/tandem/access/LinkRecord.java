package dev.tandem.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A share link, kept by its token's hash: the token itself is never stored. */
@Entity
@Table(name = "TANDEM_LINK")
public class LinkRecord {
    @Id
    @Column(name = "TOKEN_HASH", length = 64)
    String tokenHash;

    @Column(name = "LINK_ID", length = 32, nullable = false, unique = true)
    String linkId;

    @Column(name = "DOCUMENT_ID", length = 64, nullable = false)
    String documentId;

    @Column(name = "ROLE", length = 8, nullable = false)
    String role;

    @Column(name = "EXPIRES_UTC")
    LocalDateTime expiresUtc;

    @Column(name = "CREATED_BY", length = 64)
    String createdBy;

    @Column(name = "CREATED_UTC", nullable = false)
    LocalDateTime createdUtc;
}
