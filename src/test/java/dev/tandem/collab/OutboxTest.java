package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Outbox outbox = new Outbox(channel, 100, Long.MAX_VALUE, timer, BATCH_NANOS);

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
    void messagesOfferedTogetherLeaveAsOneFrameAndWhatComesDuringItsFlightAsTheNext() {
        List<Consumer<Throwable>> inFlight = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        Channel slow = new Channel() {
            @Override
            public void send(String frame, Consumer<Throwable> done) {
                sent.add(frame);
                inFlight.add(done);
            }

            @Override
            public void close(CloseCode reason, String message) {
                sent.add("close");
            }
        };
        Outbox outbox = new Outbox(slow, 100, Long.MAX_VALUE, timer, 0);
        outbox.offerAll(List.of("{\"n\":1}", "{\"n\":2}"));
        outbox.offer("{\"n\":3}");
        outbox.offer("{\"n\":4}");
        assertEquals(List.of("[{\"n\":1},{\"n\":2}]"), sent);
        inFlight.get(0).accept(null);
        assertEquals(List.of("[{\"n\":1},{\"n\":2}]", "[{\"n\":3},{\"n\":4}]"), sent);
    }

    @Test
    void withoutABatchDelayEveryMessageLeavesAtOnce() {
        Outbox outbox = new Outbox(channel, 100, Long.MAX_VALUE, timer, 0);
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
        Outbox outbox = new Outbox(slow, 100, Long.MAX_VALUE, timer, 0);
        outbox.offer("{\"ack\":1}");
        outbox.offer("{\"error\":\"rate-limited\"}");
        outbox.finish(CloseCode.POLICY, "too many edits");
        assertEquals(List.of("send {\"ack\":1}"), events, "the frame in flight is let finish");
        assertFalse(outbox.offer("{\"ack\":2}"), "nothing more is taken");
        inFlight.get(0).accept(null);
        assertEquals(List.of("send {\"ack\":1}", "send {\"error\":\"rate-limited\"}", "close 1008 too many edits"), events);
    }

    @Test
    void aReceiverThatFallsTooManyBytesBehindIsCutOffWhateverTheNumberOfMessages() {
        List<String> events = new ArrayList<>();
        Channel neverReads = new Channel() {
            @Override
            public void send(String frame, Consumer<Throwable> done) {
                events.add("send " + frame.length()); // and never done: the socket's buffer is full
            }

            @Override
            public void close(CloseCode reason, String message) {
                events.add("close " + reason.code());
            }
        };
        String paste = "x".repeat(60_000);
        Outbox outbox = new Outbox(neverReads, 1000, 300_000, timer, 0);
        assertTrue(outbox.offer("y".repeat(1_000_000)), "one message alone goes, however large");
        assertEquals(List.of("send 1000000"), events);
        assertFalse(outbox.offer(paste), "past the bytes with what is in flight");
        assertEquals(List.of("send 1000000", "close 1013"), events);

        events.clear();
        Outbox other = new Outbox(neverReads, 1000, 300_000, timer, 0);
        other.offer("welcome");
        assertTrue(other.offer(paste));
        assertTrue(other.offer(paste));
        assertFalse(other.offer(paste), "three pastes of 120 KB each are more than 300 KB");
        assertEquals(List.of("send 7", "close 1013"), events);
    }
}
