package dev.tandem.collab;

/**
 * What one person may still do of one kind: a rate, with bursts of a few at once. An action
 * beyond it is not refused at once but given a later time to happen (a person typing fast is
 * slowed, not cut off); only one that would have to wait longer than the caller allows is
 * refused. Thread-safe: a person's connections share it.
 */
final class Budget {
    private final long intervalNanos;
    private final long burstNanos;
    /** When the budget would be back to full had nothing more been taken (the generic cell rate algorithm). */
    private long fullAt;

    /** {@code perSecond} on average, {@code burst} at once. */
    Budget(double perSecond, int burst, long now) {
        this.intervalNanos = Math.max(1, (long) (1e9 / perSecond));
        this.burstNanos = intervalNanos * Math.max(1, burst);
        this.fullAt = now;
    }

    /**
     * Takes one action at {@code now}: how long it must wait (0: it may happen now); or -1, and
     * nothing taken, if that would be longer than {@code maxWaitNanos}.
     */
    synchronized long take(long now, long maxWaitNanos) {
        long start = Math.max(fullAt, now);
        long wait = Math.max(0, start + intervalNanos - burstNanos - now);
        if (wait > maxWaitNanos) {
            return -1;
        }
        fullAt = start + intervalNanos;
        return wait;
    }
}
