package dev.tandem.client;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting for something that happens on other threads, with a deadline. */
public final class Await {
    private Await() {
    }

    /** Returns once {@code condition} holds; fails after 30 seconds. */
    public static void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(2);
        }
    }

    /**
     * Waits until every client has all its edits acknowledged and has reached the same revision;
     * returns the first one's text (callers check that the others hold the same).
     */
    public static String settledTogether(java.util.List<OtClient> clients) throws InterruptedException {
        for (OtClient client : clients) {
            until(client::settled);
        }
        long revision = clients.stream().mapToLong(OtClient::revision).max().orElseThrow();
        for (OtClient client : clients) {
            until(() -> client.revision() == revision);
        }
        return clients.get(0).text();
    }
}
