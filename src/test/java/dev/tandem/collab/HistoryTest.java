package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.TextOperation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    @Test
    void keepsTheLatestRevisionsUpToItsCapacityAsItGrows() {
        for (int capacity : new int[] {1, 5, 16, 17, 100, 1000}) {
            History history = new History(40, capacity, Long.MAX_VALUE);
            List<Revision> added = new ArrayList<>();
            for (long number = 41; number <= 40 + 3L * capacity + 7; number++) {
                Revision revision = revision(number);
                history.add(revision);
                added.add(revision);
                long kept = Math.min(capacity, number - 40);
                assertEquals(number, history.latest());
                assertEquals(number - kept, history.oldest(), "capacity " + capacity);
                for (long n = history.oldest() + 1; n <= number; n++) {
                    assertSame(added.get((int) (n - 41)), history.get(n), "revision " + n + ", capacity " + capacity);
                }
                long oldest = history.oldest();
                long next = number + 1;
                assertThrows(IndexOutOfBoundsException.class, () -> history.get(oldest));
                assertThrows(IndexOutOfBoundsException.class, () -> history.get(next));
            }
        }
    }

    @Test
    void refusesARevisionOutOfOrder() {
        History history = new History(7, 10, Long.MAX_VALUE);
        assertThrows(IllegalStateException.class, () -> history.add(revision(9)));
        history.add(revision(8));
        assertEquals(8, history.latest());
    }

    @Test
    void keepsNoMoreRevisionsThanItsBytesAllowButAlwaysTheLatest() {
        Revision paste = new Revision(1, "c", 1, TextOperation.builder().insert("x".repeat(10_000)).build());
        long weight = History.weight(paste);
        History history = new History(0, 1000, 3 * weight);
        history.add(paste);
        for (long number = 2; number <= 5; number++) {
            history.add(new Revision(number, "c", number, TextOperation.builder().retain(10_000 * (int) (number - 1))
                    .insert("x".repeat(10_000)).build()));
        }
        assertEquals(5, history.latest());
        assertEquals(2, history.oldest(), "three pastes kept, not a thousand");
        assertTrue(history.bytes() <= 3 * weight);
        History tiny = new History(0, 1000, 1);
        tiny.add(paste);
        assertEquals(0, tiny.oldest(), "the latest revision stays, whatever it weighs");
    }

    private static Revision revision(long number) {
        return new Revision(number, "c", number, TextOperation.builder().insert("x").build());
    }
}
