package dev.tandem.store;

import dev.tandem.ot.Rope;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Keeps every document's edits, and snapshots of its text, for as long as the document exists. */
public interface DocumentStore {

    /** {@code documentId} as stored, with up to {@code recentEdits} of its latest edits; EMPTY if new. */
    StoredDocument load(String documentId, int recentEdits);

    /**
     * Stores edits of consecutive revisions following those already stored, in one transaction.
     * Completes once they are durable (exceptionally if they could not be stored). {@code textAfter}
     * is the text after the last of them, for the store's snapshots.
     */
    CompletionStage<Void> append(String documentId, List<LoggedEdit> edits, Rope textAfter);

    /** The stored text of {@code documentId} at {@code revision}; empty if it has no such revision. */
    Optional<Snapshot> textAt(String documentId, long revision);

    /** Stored edits of {@code documentId} with revisions in ({@code from}, {@code to}], oldest first, at most {@code limit}. */
    List<LoggedEdit> edits(String documentId, long from, long to, int limit);

    /** The last stored edit of {@code documentId}: its revision, author and time; empty if it has none. */
    Optional<LoggedEdit> lastEdit(String documentId);

    /** Erases the document's edits and snapshots, for good. */
    void erase(String documentId);

    /** Whether the database answers now (a health check's question: cheap, and it never throws). */
    default boolean reachable() {
        return true;
    }

    /** Whether the last write failed: edits wait, unacknowledged, until one succeeds. */
    default boolean failing() {
        return false;
    }
}
