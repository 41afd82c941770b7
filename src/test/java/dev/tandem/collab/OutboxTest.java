package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tandem.protocol.CloseCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

    @Test
    void aConnectionEndedWhileAFrameIsInFlightStillGetsWhatWasQueuedThenTheClose() {
        List<String> events = new ArrayList<>();
        List<Consumer<Throwable>> inFlight = new ArrayList<>();
        Channel slow = new Channel() {
            @Override
            public void send(String frame, Consumer<Throwable> done) {
                events.add("send " + frame);
                inFlight.add(done);
            }

            @Override
            public void close(CloseCode reason, String message) {
                events.add("close " + reason.code() + " " + message);
            }
        };
        Outbox outbox = new Outbox(slow, 100, timer, 0);
        outbox.offer("{\"ack\":1}");
        outbox.offer("{\"error\":\"rate-limited\"}");
        outbox.finish(CloseCode.POLICY, "too many edits");
        assertEquals(List.of("send {\"ack\":1}"), events, "the frame in flight is let finish");
        assertFalse(outbox.offer("{\"ack\":2}"), "nothing more is taken");
        inFlight.get(0).accept(null);
        assertEquals(List.of("send {\"ack\":1}", "send {\"error\":\"rate-limited\"}", "close 1008 too many edits"), events);
    }
}
