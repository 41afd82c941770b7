package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When an outbox sends at once and when it gathers messages into one frame. */
class OutboxTest {
    private static final long BATCH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RecordingChannel channel = new RecordingChannel();
    private final List<String> frames = channel.frames;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aQuietReceiverGetsAMessageAtOnceAndWhatFollowsWithinTheBatchDelayInOneFrame() throws Exception {
        Outbox outbox = new Outbox(channel, 100, timer, BATCH_NANOS);

        outbox.offer("{\"n\":1}");
        assertEquals(List.of("{\"n\":1}"), frames, "the first message waits for nothing");

        outbox.offer("{\"n\":2}");
        outbox.offer("{\"n\":3}");
        assertEquals(1, frames.size(), "messages right after a frame wait for the batch delay");

        long deadline = System.nanoTime() + 10 * BATCH_NANOS;
        while (frames.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("{\"n\":1}", "[{\"n\":2},{\"n\":3}]"), frames);
    }

    @Test
    void withoutABatchDelayEveryMessageLeavesAtOnce() {
        Outbox outbox = new Outbox(channel, 100, timer, 0);
        outbox.offer("{\"n\":1}");
        outbox.offer("{\"n\":2}");
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), frames);
    }
}
