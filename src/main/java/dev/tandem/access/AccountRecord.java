package dev.tandem.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** An account to sign in with: its password is kept only as a salted, slow hash. */
@Entity
@Table(name = "TANDEM_ACCOUNT")
public class AccountRecord {
    @Id
    @Column(name = "USERNAME", length = 64)
    String username;

    @Column(name = "DISPLAY_NAME", length = 64, nullable = false)
    String displayName;

    @Column(name = "PASSWORD_HASH", length = 255, nullable = false)
    String passwordHash;

    /** The groups the person is in, comma-separated (grants may name a group). */
    @Column(name = "GROUPS", length = 2000)
    String groups;

    /** Administrators add accounts. */
    @Column(name = "ADMIN", nullable = false)
    boolean admin;

    @Column(name = "CREATED_UTC", nullable = false)
    LocalDateTime createdUtc;
}
