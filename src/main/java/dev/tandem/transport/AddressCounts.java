package dev.tandem.transport;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many connections each network address holds, up to a bound, so that one address cannot take
 * all a server has. An unknown address (null) is not counted.
 */
public final class AddressCounts {
    private final int max;
    /** Guarded by itself. */
    private final Map<String, Integer> counts = new HashMap<>();
    /** Every address's, an unknown one's too. */
    private final AtomicInteger total = new AtomicInteger();

    public AddressCounts(int max) {
        this.max = max;
    }

    /** Counts one more for {@code address}, or answers false if it holds {@link #max()} already. */
    public boolean take(String address) {
        if (address == null) {
            total.incrementAndGet();
            return true;
        }
        synchronized (counts) {
            if (counts.getOrDefault(address, 0) >= max) {
                return false;
            }
            counts.merge(address, 1, Integer::sum);
            total.incrementAndGet();
            return true;
        }
    }

    /** Gives back one that {@link #take} counted. */
    public void release(String address) {
        total.decrementAndGet();
        if (address == null) {
            return;
        }
        synchronized (counts) {
            counts.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
        }
    }

    /** How many are counted, from every address. */
    public int total() {
        return total.get();
    }

    public int max() {
        return max;
    }
}
