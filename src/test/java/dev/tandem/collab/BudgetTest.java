package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A rate with bursts: beyond it, actions get later turns; past the longest wait, none. */
class BudgetTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstGoesAtOnceThenEachWaitsItsTurn() {
        Budget budget = new Budget(10, 3, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, budget.take(0, SECOND), "the burst");
        }
        assertEquals(SECOND / 10, budget.take(0, SECOND), "then one every tenth of a second");
        assertEquals(2 * SECOND / 10, budget.take(0, SECOND));
        assertEquals(-1, budget.take(0, SECOND / 10), "refused: it would wait longer than allowed, and not taken");
        assertEquals(3 * SECOND / 10, budget.take(0, SECOND));
    }

    @Test
    void itFillsAgainWithTime() {
        Budget budget = new Budget(10, 2, 0);
        budget.take(0, 0);
        budget.take(0, 0);
        assertEquals(-1, budget.take(0, 0));
        assertEquals(0, budget.take(SECOND / 10, 0), "a tenth of a second later, one more");
        assertEquals(0, budget.take(10 * SECOND, 0));
        assertEquals(0, budget.take(10 * SECOND, 0), "never more than the burst saved up");
        assertEquals(-1, budget.take(10 * SECOND, 0));
    }
}
