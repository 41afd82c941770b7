package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    @Test
    void connectionsTakingAtOnceEachGetTheirOwnTurn() throws InterruptedException {
        Budget budget = new Budget(10, 20, 0);
        int threads = 8;
        int each = 500;
        long[] waits = new long[threads * each];
        List<Thread> takers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = t * each;
            Thread taker = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    waits[from + i] = budget.take(0, Long.MAX_VALUE);
                }
            });
            takers.add(taker);
            taker.start();
        }
        for (Thread taker : takers) {
            taker.join();
        }
        Arrays.sort(waits);
        for (int i = 0; i < waits.length; i++) {
            assertEquals(Math.max(0, i - 19) * SECOND / 10, waits[i], "the burst of 20, then one turn each, none shared");
        }
    }

    @Test
    void pastTheBoundBudgetsThatOweNothingAreForgottenAndOwedOnesKept() {
        Rates rates = new Rates(1, 1000, Duration.ofSeconds(5), 1, 1, 60, 600);
        Budgets budgets = new Budgets(rates, 4);
        budgets.edit("owing", null, 0);
        budgets.edit("owing", null, 0);
        budgets.edit("owing", null, 0); // beyond its burst of two: it owes a second
        budgets.edit("a", null, 0);
        budgets.edit("b", null, 0);
        budgets.edit("c", null, 0);
        assertEquals(4, budgets.size());

        budgets.edit("d", null, 3 * SECOND / 2); // a, b and c are full again by then; "owing" is not
        assertEquals(2, budgets.size());
        assertEquals(SECOND / 2, budgets.edit("owing", null, 3 * SECOND / 2), "what it owed is remembered");
    }
}
