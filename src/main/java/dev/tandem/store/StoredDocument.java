package dev.tandem.store;

import java.util.List;

/**
 * A document as the store has it: its text at the latest revision, and the edits that led to
 * it, the most recent ones only (oldest first), for late edits and resuming clients.
 */
public record StoredDocument(Snapshot latest, List<LoggedEdit> recent) {
    public static final StoredDocument EMPTY = new StoredDocument(Snapshot.EMPTY, List.of());
}
