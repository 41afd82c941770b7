package dev.tandem.store;

import dev.tandem.ot.Rope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's store: the application server's default data source through JPA (Payara Micro:
 * an embedded database in its root directory). Writes run on writer threads of the store's own,
 * so a document's lock is never held across a transaction.
 *
 * <p>The writers come from the server's managed thread factory, so they carry the application's
 * context from their start. Handing each write to the server's managed executor instead captured
 * that context again for every write, a class-path scan on Payara (docs/benchmarks.md).
 */
@ApplicationScoped
public class JpaDocumentStore implements DocumentStore {
    @Inject
    EditLog log;

    @Resource
    ManagedThreadFactory threads;

    /** At most this many documents commit at once; the others' edits gather for their next commit. */
    @Inject
    @ConfigProperty(name = "tandem.store-writers", defaultValue = "8")
    int writerCount;

    private ThreadPoolExecutor writers;

    @PostConstruct
    void start() {
        writers = new ThreadPoolExecutor(writerCount, writerCount, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), threads);
        writers.allowCoreThreadTimeOut(true);
    }

    /** Lets the commits under way finish. */
    @PreDestroy
    void stop() {
        writers.shutdown();
        try {
            writers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public StoredDocument load(String documentId, int recentEdits) {
        return log.read(documentId, recentEdits);
    }

    @Override
    public CompletionStage<Void> append(String documentId, List<LoggedEdit> edits, Rope textAfter) {
        return CompletableFuture.runAsync(() -> log.write(documentId, edits, textAfter), writers);
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
