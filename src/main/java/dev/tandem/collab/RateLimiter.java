package dev.tandem.collab;

/** A token bucket: {@code perSecond} on average, bursts of twice that. Not thread-safe. */
final class RateLimiter {
    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long last;

    RateLimiter(double perSecond, long nanoTime) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, perSecond * 2);
        this.tokens = capacity;
        this.last = nanoTime;
    }

    boolean tryAcquire(long nanoTime) {
        tokens = Math.min(capacity, tokens + (nanoTime - last) * perSecond / 1e9);
        last = nanoTime;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
