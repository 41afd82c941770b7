package dev.tandem.store;

import java.time.Instant;

/**
 * A chat message kept with its document: {@code number} orders the document's chat (from 1);
 * {@code author} is the signed-in person who wrote it (null: a guest), {@code authorName} and
 * {@code color} how the others saw them then.
 */
public record ChatLine(String documentId, long number, String clientId, String author, String authorName, String color,
        String text, Instant time) {
}
