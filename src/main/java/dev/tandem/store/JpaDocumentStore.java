package dev.tandem.store;

import dev.tandem.metrics.Meters;
import dev.tandem.ot.Rope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's store: the application server's default data source through JPA (Payara Micro:
 * an embedded database in its root directory). Writes run on writer threads of the store's own,
 * so a document's lock is never held across a transaction.
 *
 * <p>Commits are shared between documents. While every writer is busy, the appends of other
 * documents wait, and the next free writer stores all of them in one transaction: a commit costs
 * far more than the rows in it (the embedded database writes its changed pages at each one), so
 * with many busy documents the commits per edit fall as the load rises. If such a transaction
 * fails, each document's append is tried again on its own, so that one document's failure
 * never fails another's edits; and if one document's append fails alone, it is tried again,
 * without the snapshot due with it, for as long as a database takes to restart. An append
 * completes only once its transaction is in the database's file ({@link CommitFlush}).
 *
 * <p>The writers come from the server's managed thread factory, so they carry the application's
 * context from their start. Handing each write to the server's managed executor instead captured
 * that context again for every write, a class-path scan on Payara (docs/benchmarks.md).
 */
@ApplicationScoped
public class JpaDocumentStore implements DocumentStore {
    private static final Logger LOG = Logger.getLogger(JpaDocumentStore.class.getName());

    @Inject
    EditLog log;

    @Inject
    CommitFlush flush;

    @Inject
    Meters meters;

    @Resource
    ManagedThreadFactory threads;

    /** At most this many transactions at once; appends that come meanwhile gather for the next one. */
    @Inject
    @ConfigProperty(name = "tandem.store-writers", defaultValue = "8")
    int writerCount;

    /** Pauses before each new try of a write that failed: about eight seconds in all, a database's restart. */
    long[] retryPausesMillis = {0, 250, 500, 1000, 2000, 4000};

    private ThreadPoolExecutor writers;
    private volatile boolean failing;
    /** How long a health check waits for the database's answer. */
    static final long PING_MILLIS = 2000;
    /** Asks the database whether it answers, for health checks; one question at a time. */
    private ThreadPoolExecutor pinger;
    private final AtomicReference<CompletableFuture<Boolean>> ping = new AtomicReference<>();
    /** Appends waiting for a writer, and how many writers are at work; guarded by {@code pending}. */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private int busyWriters;

    private record Pending(Append append, CompletableFuture<Void> stored) {
    }

    @PostConstruct
    void start() {
        writers = new ThreadPoolExecutor(writerCount, writerCount, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), threads);
        writers.allowCoreThreadTimeOut(true);
        pinger = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        pinger.prestartAllCoreThreads(); // made on the application's thread, it carries the application's context
    }

    /** Lets the commits under way finish. */
    @PreDestroy
    void stop() {
        pinger.shutdownNow();
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
        Pending append = new Pending(new Append(documentId, edits, textAfter), new CompletableFuture<>());
        boolean newWriter;
        synchronized (pending) {
            pending.add(append);
            newWriter = busyWriters < writerCount;
            if (newWriter) {
                busyWriters++;
            }
        }
        if (newWriter) {
            try {
                writers.execute(this::writeWhilePending);
            } catch (RejectedExecutionException stopping) {
                boolean unclaimed;
                synchronized (pending) {
                    busyWriters--;
                    unclaimed = pending.remove(append);
                }
                if (unclaimed) { // else a writer still at work took it and will complete it
                    append.stored().completeExceptionally(stopping);
                }
            }
        }
        return append.stored();
    }

    /** A writer's work: everything pending in one transaction, again until nothing is. */
    private void writeWhilePending() {
        while (true) {
            List<Pending> taken;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    busyWriters--;
                    return;
                }
                taken = new ArrayList<>(pending);
                pending.clear();
            }
            write(taken);
        }
    }

    private void write(List<Pending> appends) {
        List<Append> batch = appends.stream().map(Pending::append).toList();
        Throwable failure = attempt(batch, true);
        if (failure != null && appends.size() > 1) {
            appends.forEach(append -> write(List.of(append))); // one document's failure fails no other
            return;
        }
        if (failure != null) {
            Throwable still = retried(batch, failure);
            if (still != null) {
                appends.get(0).stored().completeExceptionally(still);
                return;
            }
        }
        try {
            flush.afterCommit();
        } catch (RuntimeException | Error notInTheFile) { // committed, maybe not in the file: acknowledge none
            appends.forEach(append -> append.stored().completeExceptionally(notInTheFile));
            return;
        }
        appends.forEach(append -> append.stored().complete(null));
    }

    /**
     * One document's edits that could not be stored, tried again: at once without the snapshot
     * due with them (the log alone can rebuild any text, so a snapshot that cannot be stored must
     * not stop the document), then after growing pauses, as long as a database takes to restart
     * ({@link #retryPausesMillis}); meanwhile the edits wait, unacknowledged. Null once stored;
     * else the last failure. A {@link LogConflict} ends the tries at once: trying again changes
     * nothing.
     */
    private Throwable retried(List<Append> batch, Throwable failure) {
        String documentId = batch.get(0).documentId();
        Throwable last = failure;
        for (long pause : retryPausesMillis) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return last;
            }
            Throwable again = attempt(batch, false);
            if (again == null) {
                LOG.log(Level.WARNING, "edits of document " + documentId + " stored after " + pause
                        + " ms, without their snapshot, after a failure", failure);
                return null;
            }
            if (again instanceof LogConflict) {
                return again;
            }
            last = again;
            LOG.log(Level.FINE, "edits of document " + documentId + " still not stored", again);
        }
        return last;
    }

    /** Writes in one transaction; the failure if it failed (whatever it is: every append hears of it). */
    private Throwable attempt(List<Append> batch, boolean withSnapshots) {
        long start = System.nanoTime();
        try {
            log.write(batch, withSnapshots);
            meters.committed(System.nanoTime() - start);
            failing = false;
            return null;
        } catch (RuntimeException | Error failure) {
            meters.commitFailed();
            failing = true;
            // without a snapshot, only the log's keys can be in the way: another writer stored these first
            return !withSnapshots && LogConflict.isConstraintViolation(failure) ? new LogConflict(failure) : failure;
        }
    }

    /**
     * Asks the database on a thread of its own and waits {@link #PING_MILLIS} at most: with the
     * database gone, taking a connection can block for a minute, and a health check must answer
     * at once. A question still unanswered is not asked again meanwhile.
     */
    @Override
    public boolean reachable() {
        CompletableFuture<Boolean> asked = ping.get();
        if (asked == null || asked.isDone()) {
            CompletableFuture<Boolean> next = new CompletableFuture<>();
            if (ping.compareAndSet(asked, next)) {
                try {
                    pinger.execute(() -> next.complete(pingNow()));
                } catch (RejectedExecutionException stopping) {
                    next.complete(false);
                }
            }
            asked = ping.get();
        }
        try {
            return asked.get(PING_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException unanswered) {
            return false;
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean pingNow() {
        try {
            log.ping();
            return true;
        } catch (RuntimeException unreachable) {
            LOG.log(Level.FINE, "the database does not answer", unreachable);
            return false;
        }
    }

    @Override
    public boolean failing() {
        return failing;
    }

    @Override
    public Optional<Snapshot> textAt(String documentId, long revision) {
        return log.textAt(documentId, revision);
    }

    @Override
    public List<LoggedEdit> edits(String documentId, long from, long to, int limit) {
        return log.edits(documentId, from, to, limit);
    }

    @Override
    public Optional<LoggedEdit> lastEdit(String documentId) {
        return log.lastEdit(documentId);
    }

    @Override
    public void erase(String documentId) {
        log.erase(documentId);
    }
}
