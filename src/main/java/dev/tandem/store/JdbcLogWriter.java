package dev.tandem.store;

import dev.tandem.protocol.OperationJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * Appends to the operation log ({@link EditRecord}'s table) and snapshots ({@link SnapshotRecord}'s)
 * with plain JDBC, on a connection this writer keeps between writes, with its statements
 * prepared once: a lone typist's edit costs one insert, one commit and, on the embedded database,
 * one checkpoint ({@link CommitFlush}), with no transaction manager, persistence context or pool
 * in between. The connection is taken outside any JTA transaction, so its commits are its own.
 * After a failure it is given back and a fresh one taken at the next write (the pool validates
 * it: a database that restarted gets new connections).
 */
final class JdbcLogWriter implements LogWriter {
    private static final String INSERT_EDIT = "INSERT INTO TANDEM_EDIT"
            + " (DOCUMENT_ID, REVISION, CLIENT_ID, SEQ, AUTHOR, AUTHOR_NAME, OP, APPLIED_UTC) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_SNAPSHOT = "INSERT INTO TANDEM_SNAPSHOT (DOCUMENT_ID, REVISION, TEXT) VALUES (?, ?, ?)";

    private final DataSource database;
    private final CommitFlush flush;
    private final int snapshotEvery;
    private Connection connection;
    private PreparedStatement insertEdit;
    private PreparedStatement insertSnapshot;
    private Statement checkpoint;

    JdbcLogWriter(DataSource database, CommitFlush flush, int snapshotEvery) {
        this.database = database;
        this.flush = flush;
        this.snapshotEvery = snapshotEvery;
    }

    @Override
    public void write(List<Append> appends, boolean withSnapshots) {
        try {
            open();
            boolean snapshots = false;
            for (Append append : appends) {
                addEdits(append);
                snapshots |= withSnapshots && addSnapshot(append);
            }
            insertEdit.executeBatch();
            if (snapshots) {
                insertSnapshot.executeBatch();
            }
            connection.commit();
        } catch (SQLException | RuntimeException failed) {
            discard();
            throw failed instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("edits could not be stored: " + failed.getMessage(), failed);
        }
        flush.afterCommit(this::checkpoint);
    }

    private void addEdits(Append append) throws SQLException {
        for (LoggedEdit edit : append.edits()) {
            insertEdit.setString(1, append.documentId());
            insertEdit.setLong(2, edit.revision());
            insertEdit.setString(3, edit.clientId());
            insertEdit.setLong(4, edit.seq());
            insertEdit.setString(5, edit.author());
            insertEdit.setString(6, edit.authorName());
            insertEdit.setString(7, OperationJson.toJson(edit.op()));
            insertEdit.setObject(8, LocalDateTime.ofInstant(edit.time(), ZoneOffset.UTC));
            insertEdit.addBatch();
        }
    }

    /** Adds the snapshot due with {@code append}, if one is (its edits cross a multiple of the interval). */
    private boolean addSnapshot(Append append) throws SQLException {
        List<LoggedEdit> edits = append.edits();
        long first = edits.get(0).revision();
        long last = edits.get(edits.size() - 1).revision();
        if (last / snapshotEvery <= (first - 1) / snapshotEvery) {
            return false;
        }
        insertSnapshot.setString(1, append.documentId());
        insertSnapshot.setLong(2, last);
        insertSnapshot.setString(3, append.textAfter().toString());
        insertSnapshot.addBatch();
        return true;
    }

    private void checkpoint() {
        try {
            checkpoint.execute("CHECKPOINT");
        } catch (SQLException e) {
            discard();
            throw new IllegalStateException("committed edits could not be written to the database's file", e);
        }
    }

    private void open() throws SQLException {
        if (connection != null) {
            return;
        }
        Connection opened = database.getConnection();
        try {
            opened.setAutoCommit(false);
            insertEdit = opened.prepareStatement(INSERT_EDIT);
            insertSnapshot = opened.prepareStatement(INSERT_SNAPSHOT);
            checkpoint = opened.createStatement();
        } catch (SQLException e) {
            opened.close();
            throw e;
        }
        connection = opened;
    }

    /** After a failure: rolls back what may be half done and gives the connection back. */
    private void discard() {
        Connection failed = connection;
        connection = null;
        if (failed == null) {
            return;
        }
        try {
            failed.rollback();
        } catch (SQLException alreadyBroken) {
            // it goes back to the pool either way, which validates it before handing it out again
        }
        close(failed);
    }

    @Override
    public void close() {
        Connection held = connection;
        connection = null;
        if (held != null) {
            close(held);
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException alreadyGone) {
            // nothing more to give back
        }
    }
}
