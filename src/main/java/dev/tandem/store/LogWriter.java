package dev.tandem.store;

import java.util.List;

/** One store writer's way to the database: it stores appends in one transaction, and makes them durable. */
interface LogWriter extends AutoCloseable {

    /**
     * Stores the appends of several documents in one transaction: all of them, or none; with the
     * snapshots due with them, or, {@code withSnapshots} false, without. Returns once the
     * transaction is committed and durable; throws if it is not (whatever the failure: the caller
     * tells every append).
     */
    void write(List<Append> appends, boolean withSnapshots);

    /** Gives back what it holds (its connection). */
    @Override
    void close();
}
