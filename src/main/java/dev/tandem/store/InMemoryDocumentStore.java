package dev.tandem.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps documents in memory for as long as the server runs. */
@ApplicationScoped
public class InMemoryDocumentStore implements DocumentStore {
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    @Override
    public Snapshot load(String documentId) {
        return snapshots.getOrDefault(documentId, Snapshot.EMPTY);
    }

    @Override
    public void save(String documentId, Snapshot snapshot) {
        snapshots.merge(documentId, snapshot, (old, now) -> now.revision() >= old.revision() ? now : old);
    }
}
