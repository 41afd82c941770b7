package dev.tandem.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Writes committed transactions to the database's file before their edits are acknowledged, where
 * the database does not do it at each commit by itself.
 *
 * <p>The embedded H2 database writes commits to its file from a background thread, within its
 * write delay. Told to write at each commit instead ({@code WRITE_DELAY=0}), it runs no background
 * thread at all, and that thread is also what compacts the file: every commit's pages stayed
 * behind, and the file grew by ~1.65 KB per edit, ten times its live data, with every later commit
 * searching its free space. So H2 keeps its thread, and a {@code CHECKPOINT} after each of the
 * store's transactions writes what they committed: an acknowledged edit still survives the process
 * being killed. Other databases make a commit durable by themselves: nothing is done for them.
 *
 * <p>One checkpoint serves every writer that committed before it started. Each checkpoint writes
 * everything committed so far, and the database runs one at a time: writers that each ran their
 * own queued behind one another, waiting for checkpoints that had nothing left to write.
 */
@ApplicationScoped
public class CommitFlush {
    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    private boolean needed;

    /** Guards the counters below; writers wait on it for a checkpoint under way. */
    private final Object lock = new Object();
    /** Commits told so far, numbered from 1. */
    private long commits;
    /** Every commit up to this number is in the file. */
    private long flushedThrough;
    /** Every commit up to this number was last covered by a checkpoint that failed. */
    private long failedThrough;
    private RuntimeException failure;
    private boolean flushing;

    @PostConstruct
    void detect() {
        try (Connection connection = database.getConnection()) {
            needed = "H2".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("the default data source cannot be reached", e);
        }
    }

    /**
     * Returns once every transaction committed so far is in the database's file: at the end of a
     * checkpoint started after this call, this thread's own ({@code checkpoint}, run on the
     * writer's connection) or another writer's.
     */
    public void afterCommit(Runnable checkpoint) {
        if (!needed) {
            return;
        }
        long through;
        synchronized (lock) {
            long commit = ++commits;
            while (true) {
                if (flushedThrough >= commit) {
                    return;
                }
                if (failedThrough >= commit) {
                    throw failure;
                }
                if (!flushing) {
                    break;
                }
                awaitFlush();
            }
            flushing = true;
            through = commits;
        }
        RuntimeException failed = null;
        try {
            checkpoint.run();
        } catch (RuntimeException e) {
            failed = e;
        }
        synchronized (lock) {
            flushing = false;
            if (failed == null) {
                flushedThrough = through;
            } else {
                failedThrough = through;
                failure = failed;
            }
            lock.notifyAll();
        }
        if (failed != null) {
            throw failed;
        }
    }

    private void awaitFlush() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committed edits were being written to the database's file", e);
        }
    }

}
