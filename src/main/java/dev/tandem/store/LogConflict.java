package dev.tandem.store;

import java.sql.SQLException;

/**
 * A write refused because the log already holds one of its revisions, or one of its (client id,
 * seq) pairs: another writer stored them first. That happens only when two nodes ordered the same
 * document at once (while its owner moved); the log is the fence, and the writer that lost drops
 * its copy. Trying again would change nothing.
 */
public final class LogConflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogConflict(Throwable cause) {
        super("another writer stored these revisions first", cause);
    }

    public LogConflict(String message) {
        super(message);
    }

    /** Whether {@code failure} is, or was caused by, a conflict. */
    public static boolean in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LogConflict) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code failure} was caused by a unique key of the database (SQLSTATE class 23). */
    static boolean isConstraintViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // a batch's own exception may say nothing: the statement's is its next one
            for (SQLException sql = cause instanceof SQLException first ? first : null; sql != null;
                    sql = sql.getNextException()) {
                if (sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                    return true;
                }
            }
        }
        return false;
    }
}
