package dev.tandem.transport.longpoll;

import dev.tandem.protocol.LongPolling;
import java.util.function.Consumer;

/**
 * The frame of one long-polling session that its client has not confirmed yet. The outbox hands
 * over one frame at a time; it gets the next number and stays here until a poll acknowledges that
 * number, so a poll answer lost on the way is sent again, with the same number, and a client that
 * skips numbers it has seen gets nothing twice. Only then does the outbox hand over the next.
 * Not thread-safe (its session's lock guards it).
 */
final class FrameWindow {
    /** Frames handed over so far; the one in flight has this number. */
    private long numbered;
    private String inFlight;
    private Consumer<Throwable> sent;

    /**
     * Takes the next frame, once the one before has been acknowledged (a {@link
     * dev.tandem.collab.Channel} is given one frame at a time); {@code sent} is told once a poll
     * acknowledges it.
     */
    void put(String frame, Consumer<Throwable> sent) {
        numbered++;
        inFlight = frame;
        this.sent = sent;
    }

    /**
     * A poll says it has every frame up to {@code ack}. If that includes the one in flight, the
     * frame leaves and its {@code sent} is returned, to be told outside the session's lock; else null.
     */
    Consumer<Throwable> acknowledge(long ack) {
        if (inFlight == null || ack < numbered) {
            return null;
        }
        Consumer<Throwable> acknowledged = sent;
        inFlight = null;
        sent = null;
        return acknowledged;
    }

    /** Whether a frame waits for a poll. */
    boolean hasFrame() {
        return inFlight != null;
    }

    /** The answer to a poll now: the frame in flight, if any, with its number, and {@code close} if the session ends. */
    LongPolling.Answer answer(LongPolling.Close close) {
        return new LongPolling.Answer(numbered, inFlight, close);
    }
}
