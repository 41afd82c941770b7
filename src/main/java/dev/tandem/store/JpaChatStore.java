package dev.tandem.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@link ChatStore} in the server's default database. Lines are written one after another on a
 * thread of their own, so that they are stored, and then shown, in the order they were sent, and
 * no document's lock or transport thread waits for the database.
 */
@ApplicationScoped
public class JpaChatStore implements ChatStore {
    @Inject
    ChatLog log;

    @Resource
    ManagedThreadFactory threads;

    private ThreadPoolExecutor writer;

    @PostConstruct
    void start() {
        writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        writer.prestartAllCoreThreads(); // made on the application's thread, it carries the application's context
    }

    @PreDestroy
    void stop() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public CompletionStage<Void> append(ChatLine line) {
        try {
            return CompletableFuture.runAsync(() -> log.insert(line), writer);
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.failedFuture(stopping);
        }
    }

    @Override
    public List<ChatLine> recent(String documentId, int limit) {
        return log.recent(documentId, limit);
    }

    @Override
    public long lastNumber(String documentId) {
        return log.lastNumber(documentId);
    }

    @Override
    public void erase(String documentId) {
        log.erase(documentId);
    }
}
