package dev.tandem.store;

import dev.tandem.ot.Rope;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The server's store: the application server's default data source through JPA (Payara Micro:
 * an embedded database in its root directory). Writes run on the server's managed executor, so
 * a document's lock is never held across a transaction.
 */
@ApplicationScoped
public class JpaDocumentStore implements DocumentStore {
    @Inject
    EditLog log;

    @Resource
    ManagedExecutorService executor;

    @Override
    public StoredDocument load(String documentId, int recentEdits) {
        return log.read(documentId, recentEdits);
    }

    @Override
    public CompletionStage<Void> append(String documentId, List<LoggedEdit> edits, Rope textAfter) {
        return CompletableFuture.runAsync(() -> log.write(documentId, edits, textAfter), executor);
    }

    @Override
    public Optional<Snapshot> textAt(String documentId, long revision) {
        return log.textAt(documentId, revision);
    }

    @Override
    public List<LoggedEdit> edits(String documentId, long from, long to, int limit) {
        return log.edits(documentId, from, to, limit);
    }
}
