package dev.tandem.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Whom a client id belongs to: {@code user:<name>}, or {@code guest:<hash of its secret>}. */
@Entity
@Table(name = "TANDEM_CLIENT")
public class ClientRecord {
    @Id
    @Column(name = "CLIENT_ID", length = 64)
    String clientId;

    @Column(name = "HOLDER", length = 80, nullable = false)
    String holder;
}
