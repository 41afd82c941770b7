package dev.tandem.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A row of a document's chat: unique on (document, number), so that two owners cannot both write one. */
@Entity
@Table(name = "TANDEM_CHAT")
@IdClass(ChatKey.class)
public class ChatRecord {
    @Id
    @Column(name = "DOCUMENT_ID", length = 64)
    String documentId;

    @Id
    @Column(name = "LINE_NUMBER")
    long number;

    @Column(name = "CLIENT_ID", length = 64, nullable = false)
    String clientId;

    @Column(name = "AUTHOR", length = 64)
    String author;

    @Column(name = "AUTHOR_NAME", length = 80)
    String authorName;

    @Column(name = "COLOR", length = 16)
    String color;

    /** Up to 2,000 code points: up to 4,000 UTF-16 units. */
    @Column(name = "TEXT", length = 4000, nullable = false)
    String text;

    @Column(name = "SENT_UTC", nullable = false)
    LocalDateTime sentUtc;
}
