package dev.tandem.collab;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every person's and every address's {@link Budget}s, shared by all their connections, so that
 * reconnecting does not reset them. Taking a budget takes no lock: every edit on the server
 * looks one up. Past a bound, the budgets that owe nothing are forgotten (a new one would be the
 * same), and if that is not enough, others: someone inventing client ids cannot fill the heap
 * (their address's budgets still hold).
 */
final class Budgets {
    private static final int REMEMBERED = 100_000;

    private final Rates rates;
    private final int remembered;
    private final ConcurrentHashMap<String, Budget> budgets = new ConcurrentHashMap<>();
    /** Held while forgetting, so that one thread scans at a time. */
    private final Object forgetting = new Object();

    Budgets(Rates rates) {
        this(rates, REMEMBERED);
    }

    Budgets(Rates rates, int remembered) {
        this.rates = rates;
        this.remembered = remembered;
    }

    /** How long an edit of {@code person} from {@code address} (null if unknown) must wait; -1: refused. */
    long edit(String person, String address, long now) {
        long maxWait = rates.maxEditWait().toNanos();
        long wait = budget("edit:" + person, rates.editsPerSecond(), 2 * rates.editsPerSecond(), now)
                .take(now, maxWait);
        if (wait < 0 || address == null) {
            return wait;
        }
        long fromAddress = budget("edit@" + address, rates.editsPerSecondPerAddress(),
                2 * rates.editsPerSecondPerAddress(), now).take(now, maxWait);
        return fromAddress < 0 ? -1 : Math.max(wait, fromAddress);
    }

    /** How long a selection of {@code person} from {@code address} (null if unknown) must wait to be shown (never refused). */
    long selection(String person, String address, long now) {
        long wait = budget("selection:" + person, rates.selectionsPerSecond(), rates.selectionsPerSecond(), now)
                .take(now, Long.MAX_VALUE);
        if (address == null) {
            return wait;
        }
        return Math.max(wait, budget("selection@" + address, rates.selectionsPerSecondPerAddress(),
                rates.selectionsPerSecondPerAddress(), now).take(now, Long.MAX_VALUE));
    }

    /** Chat messages a person may send a minute, ten at once; four times as many from one address. */
    static final int CHATS_PER_MINUTE = 30;

    /** Whether {@code person} may send a chat message now from {@code address} (null if unknown). */
    boolean chat(String person, String address, long now) {
        boolean mine = budget("chat:" + person, CHATS_PER_MINUTE / 60.0, 10, now).take(now, 0) >= 0;
        return mine && (address == null
                || budget("chat@" + address, 4 * CHATS_PER_MINUTE / 60.0, 40, now).take(now, 0) >= 0);
    }

    /** Whether {@code person} may join now from {@code address} (null if unknown): ten seconds' worth at once. */
    boolean join(String person, String address, long now) {
        boolean mine = budget("join:" + person, rates.joinsPerMinute() / 60, rates.joinsPerMinute() / 6, now)
                .take(now, 0) >= 0;
        return mine && (address == null || budget("join@" + address, rates.joinsPerMinutePerAddress() / 60,
                rates.joinsPerMinutePerAddress() / 6, now).take(now, 0) >= 0);
    }

    /** The budget kept under {@code key}, made with {@code perSecond} and a burst of {@code burst} if new. */
    private Budget budget(String key, double perSecond, double burst, long now) {
        Budget known = budgets.get(key);
        if (known != null) {
            return known;
        }
        if (budgets.size() >= remembered) {
            forget(now);
        }
        return budgets.computeIfAbsent(key, k -> new Budget(perSecond, (int) Math.ceil(burst), now));
    }

    /** Forgets the budgets that owe nothing; then, if that left too many, others, down to three quarters of the bound. */
    private void forget(long now) {
        synchronized (forgetting) {
            if (budgets.size() < remembered) {
                return;
            }
            budgets.values().removeIf(budget -> budget.full(now));
            Iterator<String> others = budgets.keySet().iterator();
            while (budgets.size() > remembered * 3 / 4 && others.hasNext()) {
                others.next();
                others.remove();
            }
        }
    }

    /** How many budgets are remembered. */
    int size() {
        return budgets.size();
    }
}
