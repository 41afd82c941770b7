package dev.tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.metrics.Meters;
import dev.tandem.ot.Rope;
import dev.tandem.ot.TextOperation;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the store shares commits between documents; the database side is in the durability tests. */
class DatabaseDocumentStoreTest {
    /** A writer that records which documents each transaction held; the first one waits to be let go. */
    static final class RecordingLog implements LogWriter {
        final List<List<String>> transactions = new CopyOnWriteArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch letFirstGo = new CountDownLatch(1);
        final AtomicInteger flakyFailures = new AtomicInteger();

        @Override
        public void write(List<Append> appends, boolean withSnapshots) {
            List<String> documents = appends.stream().map(Append::documentId).toList();
            transactions.add(withSnapshots ? documents : documents.stream().map(id -> id + " without snapshot").toList());
            if (transactions.size() == 1) {
                firstStarted.countDown();
                await(letFirstGo);
            }
            if (documents.contains("unstorable")) {
                throw new IllegalStateException("the database refused document unstorable");
            }
            if (documents.contains("flaky") && flakyFailures.getAndIncrement() < 2) {
                throw new IllegalStateException("FATAL: terminating connection due to administrator command");
            }
            if (withSnapshots && documents.contains("snapshot-refused")) {
                throw new IllegalStateException("the database refused the snapshot of document snapshot-refused");
            }
        }

        @Override
        public void close() {
            // holds nothing
        }
    }

    private final RecordingLog log = new RecordingLog();
    private final DatabaseDocumentStore store = new DatabaseDocumentStore();

    DatabaseDocumentStoreTest() {
        store.writerFactory = () -> log;
        store.meters = Meters.NONE;
        store.writerCount = 1;
        store.retryPausesMillis = new long[] {0, 0};
        store.threads = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable task) {
                return new Thread(task, "test-writer");
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException();
            }
        };
        store.start();
    }

    @AfterEach
    void stop() {
        log.letFirstGo.countDown();
        store.stop();
    }

    @Test
    void documentsThatWaitForAWriterAreStoredInOneTransaction() throws Exception {
        List<CompletableFuture<Void>> appends = appendWhileFirstIsStored("second", "third");

        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(List.of("first"), List.of("second", "third")), log.transactions);
    }

    @Test
    void oneDocumentThatCannotBeStoredDoesNotFailTheOthersInItsTransaction() throws Exception {
        List<CompletableFuture<Void>> appends = appendWhileFirstIsStored("unstorable", "other");
        CompletableFuture<Void> first = appends.get(0);
        CompletableFuture<Void> unstorable = appends.get(1);
        CompletableFuture<Void> other = appends.get(2);

        other.get(10, TimeUnit.SECONDS);
        ExecutionException failure = assertThrows(ExecutionException.class, () -> unstorable.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("refused"), failure.toString());
        first.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(List.of("first"), List.of("unstorable", "other"), List.of("unstorable"),
                List.of("unstorable without snapshot"), List.of("unstorable without snapshot"), List.of("other")),
                log.transactions);
    }

    @Test
    void editsWhoseSnapshotCannotBeStoredAreStoredWithoutIt() throws Exception {
        List<CompletableFuture<Void>> appends = appendWhileFirstIsStored("snapshot-refused");
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(List.of("first"), List.of("snapshot-refused"), List.of("snapshot-refused without snapshot")),
                log.transactions);
    }

    @Test
    void aWriteThatFailsIsTriedAgainAndTheEditsAreStored() throws Exception {
        List<CompletableFuture<Void>> appends = appendWhileFirstIsStored("flaky");
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(List.of("first"), List.of("flaky"), List.of("flaky without snapshot"),
                List.of("flaky without snapshot")), log.transactions);
    }

    @Test
    void anAppendAfterTheStoreStoppedFailsInsteadOfWaitingForever() {
        log.letFirstGo.countDown();
        store.stop();
        CompletableFuture<Void> late = append("late");
        assertTrue(late.isCompletedExceptionally());
    }

    /** Appends "first", then {@code others} while its transaction is under way, then lets it finish. */
    private List<CompletableFuture<Void>> appendWhileFirstIsStored(String... others) {
        List<CompletableFuture<Void>> appends = new ArrayList<>();
        appends.add(append("first"));
        await(log.firstStarted);
        for (String documentId : others) {
            appends.add(append(documentId));
        }
        log.letFirstGo.countDown();
        return appends;
    }

    private CompletableFuture<Void> append(String documentId) {
        LoggedEdit edit = new LoggedEdit(1, "client", 1, TextOperation.builder().insert("a").build(), Instant.now());
        return store.append(documentId, List.of(edit), Rope.of("a")).toCompletableFuture();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
