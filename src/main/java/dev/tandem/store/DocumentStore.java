package dev.tandem.store;

/** Keeps documents while nobody has them open. */
public interface DocumentStore {

    /** The latest saved state of {@code documentId}, or {@link Snapshot#EMPTY} for a new document. */
    Snapshot load(String documentId);

    /** Records the state of {@code documentId}; a later revision replaces an earlier one. */
    void save(String documentId, Snapshot snapshot);
}
