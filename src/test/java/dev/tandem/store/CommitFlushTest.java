package dev.tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.support.client.Await;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Checkpoints of the embedded database, shared by writers. */
class CommitFlushTest {
    /** A real H2 database whose connections can be held back or refused, and are counted. */
    private static final class Database implements DataSource {
        final String url = "jdbc:h2:mem:commit-flush-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        final AtomicInteger connections = new AtomicInteger();
        volatile CountDownLatch gate;
        volatile boolean refuse;

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            if (refuse) {
                throw new SQLException("no space left on device");
            }
            CountDownLatch held = gate;
            if (held != null) {
                try {
                    held.await();
                } catch (InterruptedException e) {
                    throw new SQLException(e);
                }
            }
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // no log
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // never waits to log in
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    private final Database database = new Database();
    private final CommitFlush flush = new CommitFlush();

    CommitFlushTest() {
        flush.database = database;
        flush.detect();
        database.connections.set(0);
    }

    /** A writer's commit made durable, its checkpoint run on a connection taken for it (as a writer's own). */
    private void commit() {
        flush.afterCommit(() -> {
            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            } catch (SQLException e) {
                throw new IllegalStateException("committed edits could not be written to the database's file", e);
            }
        });
    }

    @Test
    void writersThatCommitDuringACheckpointShareTheNextOne() throws Exception {
        database.gate = new CountDownLatch(1);
        Thread first = new Thread(this::commit);
        first.start();
        Await.until(() -> database.connections.get() == 1); // its checkpoint has begun, and is held
        List<Thread> others = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Thread other = new Thread(this::commit);
            other.start();
            others.add(other);
        }
        // committed after the first checkpoint began, so it may not cover them: they wait for it
        Await.until(() -> others.stream().allMatch(other -> other.getState() == Thread.State.WAITING));
        CountDownLatch held = database.gate;
        database.gate = null;
        held.countDown();
        first.join();
        for (Thread other : others) {
            other.join();
        }
        assertEquals(2, database.connections.get(), "one checkpoint for the first writer, one for the seven others");
    }

    @Test
    void aFailedCheckpointFailsTheCommitsItCoveredAndTheNextCommitTriesAgain() {
        database.refuse = true;
        IllegalStateException failed = assertThrows(IllegalStateException.class, this::commit);
        assertEquals("committed edits could not be written to the database's file", failed.getMessage());
        database.refuse = false;
        commit();
        assertEquals(2, database.connections.get());
    }
}
