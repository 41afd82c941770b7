package dev.tandem.collab;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one person may still do of one kind: a rate, with bursts of a few at once. An action
 * beyond it is not refused at once but given a later time to happen (a person typing fast is
 * slowed, not cut off); only one that would have to wait longer than the caller allows is
 * refused. Thread-safe without a lock: every connection from one address shares that address's
 * budget, and each of their edits takes from it.
 */
final class Budget {
    private final long intervalNanos;
    private final long burstNanos;
    /** When the budget would be back to full had nothing more been taken (the generic cell rate algorithm). */
    private final AtomicLong fullAt;

    /** {@code perSecond} on average, {@code burst} at once. */
    Budget(double perSecond, int burst, long now) {
        this.intervalNanos = Math.max(1, (long) (1e9 / perSecond));
        this.burstNanos = intervalNanos * Math.max(1, burst);
        this.fullAt = new AtomicLong(now);
    }

    /**
     * Takes one action at {@code now}: how long it must wait (0: it may happen now); or -1, and
     * nothing taken, if that would be longer than {@code maxWaitNanos}.
     */
    long take(long now, long maxWaitNanos) {
        while (true) {
            long full = fullAt.get();
            long start = Math.max(full, now);
            long wait = Math.max(0, start + intervalNanos - burstNanos - now);
            if (wait > maxWaitNanos) {
                return -1;
            }
            if (fullAt.compareAndSet(full, start + intervalNanos)) {
                return wait;
            }
        }
    }

    /** Whether nothing is owed at {@code now}: a new budget would be the same. */
    boolean full(long now) {
        return fullAt.get() - now <= 0;
    }
}
