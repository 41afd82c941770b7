package dev.tandem.support.client;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for something that happens on other threads, with a deadline. */
public final class Await {
    private Await() {
    }

    /** Returns once {@code condition} holds; fails after 30 seconds. */
    public static void until(BooleanSupplier condition) throws InterruptedException {
        until(condition, () -> "");
    }

    /** {@link #until(BooleanSupplier)}, saying what was seen when it fails. */
    public static void until(BooleanSupplier condition, Supplier<String> seen) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting " + seen.get());
            }
            Thread.sleep(2);
        }
    }

    /**
     * Waits until every client has all its edits acknowledged and has reached the same revision;
     * returns the first one's text (callers check that the others hold the same).
     */
    public static String settledTogether(java.util.List<OtClient> clients) throws InterruptedException {
        Supplier<String> seen = () -> clients.stream().map(client -> client.clientId() + " at " + client.revision()
                + (client.settled() ? "" : " with edits unacknowledged") + " " + client.errors()).toList().toString();
        for (OtClient client : clients) {
            until(client::settled, seen);
        }
        long revision = clients.stream().mapToLong(OtClient::revision).max().orElseThrow();
        for (OtClient client : clients) {
            until(() -> client.revision() == revision, seen);
        }
        return clients.get(0).text();
    }
}
