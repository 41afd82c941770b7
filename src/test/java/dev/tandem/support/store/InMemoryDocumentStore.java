package dev.tandem.support.store;

import dev.tandem.ot.Rope;
import dev.tandem.store.DocumentStore;
import dev.tandem.store.LogConflict;
import dev.tandem.store.LoggedEdit;
import dev.tandem.store.Snapshot;
import dev.tandem.store.StoredDocument;
import jakarta.enterprise.inject.Vetoed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        final Set<String> keys = new HashSet<>();
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
            // the same fence as the database's keys: (document, revision) and (document, client id, seq)
            if (edits.get(0).revision() != stored.latest.revision() + 1) {
                return CompletableFuture.failedFuture(new LogConflict("revision "
                        + edits.get(0).revision() + " does not follow " + stored.latest.revision()));
            }
            List<String> keys = edits.stream().map(edit -> edit.clientId() + "\n" + edit.seq()).toList();
            if (keys.stream().anyMatch(stored.keys::contains)) {
                return CompletableFuture.failedFuture(new LogConflict("an edit of this batch is stored already"));
            }
            stored.keys.addAll(keys);
            stored.edits.addAll(edits);
            stored.latest = new Snapshot(textAfter, edits.get(edits.size() - 1).revision());
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<Snapshot> textAt(String documentId, long revision) {
        Stored stored = documents.get(documentId);
        long latest = stored == null ? 0 : stored.latest.revision();
        if (revision < 0 || revision > latest) {
            return Optional.empty();
        }
        Rope text = Rope.empty();
        for (LoggedEdit edit : edits(documentId, 0, revision, Integer.MAX_VALUE)) {
            text = edit.op().apply(text);
        }
        return Optional.of(new Snapshot(text, revision));
    }

    @Override
    public List<LoggedEdit> edits(String documentId, long from, long to, int limit) {
        Stored stored = documents.get(documentId);
        if (stored == null) {
            return List.of();
        }
        synchronized (stored) {
            return stored.edits.stream().filter(edit -> edit.revision() > from && edit.revision() <= to)
                    .limit(limit).toList();
        }
    }

    @Override
    public Optional<LoggedEdit> lastEdit(String documentId) {
        List<LoggedEdit> all = edits(documentId, 0, Long.MAX_VALUE, Integer.MAX_VALUE);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public void erase(String documentId) {
        documents.remove(documentId);
    }
}
