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
}
