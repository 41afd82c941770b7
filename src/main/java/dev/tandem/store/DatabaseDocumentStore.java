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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's store: the application server's default data source (Payara Micro: an embedded
 * database in its root directory; PostgreSQL by configuration). Edits are written with plain JDBC
 * ({@link JdbcLogWriter}) on writer threads of the store's own, so a document's lock is never held
 * across a transaction; documents are read through JPA ({@link EditLog}).
 *
 * <p>Commits are shared between documents. While every writer is busy, the appends of other
 * documents wait, and the next free writer stores all of them in one transaction: a commit costs
 * far more than the rows in it, so with many busy documents the commits per edit fall as the load
 * rises. If such a transaction fails, each document's append is tried again on its own, so that
 * one document's failure never fails another's edits; and if one document's append fails alone,
 * it is tried again, without the snapshot due with it, for as long as a database takes to restart.
 * An append completes only once its transaction is durable (on the embedded database, in its
 * file: {@link CommitFlush}).
 *
 * <p>Each writer is a thread of the server's managed thread factory, so it carries the
 * application's context from its start, waiting for work between writes and keeping its
 * connection until it has been idle for {@link #IDLE_SECONDS}. Handing each write to the
 * server's managed executor instead captured that context again for every write, a class-path
 * scan on Payara; a transaction through JPA and JTA cost more than the database's commit
 * (docs/benchmarks.md).
 */
@ApplicationScoped
public class DatabaseDocumentStore implements DocumentStore {
    private static final Logger LOG = Logger.getLogger(DatabaseDocumentStore.class.getName());
    /** A writer idle this long ends, and gives its connection back. */
    static final long IDLE_SECONDS = 60;

    @Inject
    EditLog log;

    @Inject
    CommitFlush flush;

    @Inject
    Meters meters;

    @Resource
    ManagedThreadFactory threads;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    /** At most this many transactions at once; appends that come meanwhile gather for the next one. */
    @Inject
    @ConfigProperty(name = "tandem.store-writers", defaultValue = "8")
    int writerCount;

    /** A snapshot every this many revisions: opening a document replays at most that many edits. */
    @Inject
    @ConfigProperty(name = "tandem.snapshot-every", defaultValue = "100")
    int snapshotEvery;

    /** Pauses before each new try of a write that failed: about eight seconds in all, a database's restart. */
    long[] retryPausesMillis = {0, 250, 500, 1000, 2000, 4000};

    /** How a writer reaches the database; replaced in tests. */
    Supplier<LogWriter> writerFactory = () -> new JdbcLogWriter(database, flush, snapshotEvery);

    private volatile boolean failing;
    /** How long a health check waits for the database's answer. */
    static final long PING_MILLIS = 2000;
    /** Asks the database whether it answers, for health checks; one question at a time. */
    private ThreadPoolExecutor pinger;
    private final AtomicReference<CompletableFuture<Boolean>> ping = new AtomicReference<>();

    /** Guards the appends waiting for a writer and the writers' counts. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when an append waits and a writer is idle. */
    private final Condition work = lock.newCondition();
    /** Signalled when the last writer ends. */
    private final Condition ended = lock.newCondition();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private int writers;
    private int idleWriters;
    private boolean stopping;

    private record Pending(Append append, CompletableFuture<Void> stored) {
    }

    @PostConstruct
    void start() {
        pinger = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        pinger.prestartAllCoreThreads(); // made on the application's thread, it carries the application's context
    }

    /** Lets the commits under way, and those waiting for a writer, finish. */
    @PreDestroy
    void stop() {
        pinger.shutdownNow();
        lock.lock();
        try {
            stopping = true;
            work.signalAll();
            long left = TimeUnit.SECONDS.toNanos(30);
            while (writers > 0 && left > 0) {
                left = ended.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public StoredDocument load(String documentId, int recentEdits) {
        return log.read(documentId, recentEdits);
    }

    @Override
    public CompletionStage<Void> append(String documentId, List<LoggedEdit> edits, Rope textAfter) {
        Pending append = new Pending(new Append(documentId, edits, textAfter), new CompletableFuture<>());
        lock.lock();
        try {
            if (stopping) {
                append.stored().completeExceptionally(new IllegalStateException("the store is stopping"));
                return append.stored();
            }
            pending.add(append);
            if (idleWriters > 0) {
                work.signal();
            } else if (writers < writerCount) {
                startWriter();
            }
        } finally {
            lock.unlock();
        }
        return append.stored();
    }

    /** Under the lock. If no thread can be had, the appends wait for a writer at work. */
    private void startWriter() {
        Thread thread = threads.newThread(this::writeWhileWanted);
        if (thread == null) {
            failAllIfNoWriter(new IllegalStateException("no thread for the store's writer: the server is stopping"));
            return;
        }
        thread.setName("tandem-store-writer");
        writers++;
        try {
            thread.start();
        } catch (RuntimeException | Error notStarted) {
            writers--;
            failAllIfNoWriter(notStarted);
        }
    }

    private void failAllIfNoWriter(Throwable why) {
        if (writers == 0) {
            pending.forEach(waiting -> waiting.stored().completeExceptionally(why));
            pending.clear();
        }
    }

    /** A writer's life: everything pending in one transaction, again, until idle too long or stopping. */
    private void writeWhileWanted() {
        try (LogWriter writer = writerFactory.get()) {
            List<Pending> taken;
            while ((taken = nextWork()) != null) {
                write(writer, taken);
            }
        } finally {
            lock.lock();
            try {
                writers--;
                if (writers == 0) {
                    ended.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Everything pending, once there is some; null when this writer is to end. */
    private List<Pending> nextWork() {
        lock.lock();
        try {
            while (pending.isEmpty()) {
                if (stopping) {
                    return null;
                }
                idleWriters++;
                boolean woken;
                try {
                    woken = work.await(IDLE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    woken = false;
                } finally {
                    idleWriters--;
                }
                if (!woken && pending.isEmpty()) {
                    return null;
                }
            }
            List<Pending> taken = new ArrayList<>(pending);
            pending.clear();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    private void write(LogWriter writer, List<Pending> appends) {
        List<Append> batch = appends.stream().map(Pending::append).toList();
        Throwable failure = attempt(writer, batch, true);
        if (failure != null && appends.size() > 1) {
            appends.forEach(append -> write(writer, List.of(append))); // one document's failure fails no other
            return;
        }
        if (failure != null) {
            Throwable still = retried(writer, batch, failure);
            if (still != null) {
                appends.get(0).stored().completeExceptionally(still);
                return;
            }
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
    private Throwable retried(LogWriter writer, List<Append> batch, Throwable failure) {
        String documentId = batch.get(0).documentId();
        Throwable last = failure;
        for (long pause : retryPausesMillis) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return last;
            }
            Throwable again = attempt(writer, batch, false);
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

    /** Writes in one transaction, made durable; the failure if it failed (whatever it is: every append hears of it). */
    private Throwable attempt(LogWriter writer, List<Append> batch, boolean withSnapshots) {
        long start = System.nanoTime();
        try {
            writer.write(batch, withSnapshots);
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
