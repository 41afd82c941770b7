package dev.tandem.store;

import dev.tandem.ot.Rope;
import jakarta.enterprise.inject.Vetoed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps documents in memory for as long as it lives: for tests and for embedding, not a server's store. */
@Vetoed
public class InMemoryDocumentStore implements DocumentStore {
    private final Map<String, Stored> documents = new ConcurrentHashMap<>();

    private static final class Stored {
        Snapshot latest = Snapshot.EMPTY;
        final List<LoggedEdit> edits = new ArrayList<>();
    }

    @Override
    public StoredDocument load(String documentId, int recentEdits) {
        Stored stored = documents.get(documentId);
        if (stored == null) {
            return StoredDocument.EMPTY;
        }
        synchronized (stored) {
            int from = Math.max(0, stored.edits.size() - recentEdits);
            return new StoredDocument(stored.latest, List.copyOf(stored.edits.subList(from, stored.edits.size())));
        }
    }

    @Override
    public CompletionStage<Void> append(String documentId, List<LoggedEdit> edits, Rope textAfter) {
        Stored stored = documents.computeIfAbsent(documentId, id -> new Stored());
        synchronized (stored) {
            if (edits.get(0).revision() != stored.latest.revision() + 1) {
                return CompletableFuture.failedFuture(new IllegalStateException("revision "
                        + edits.get(0).revision() + " does not follow " + stored.latest.revision()));
            }
            stored.edits.addAll(edits);
            stored.latest = new Snapshot(textAfter, edits.get(edits.size() - 1).revision());
        }
        return CompletableFuture.completedFuture(null);
    }
}
