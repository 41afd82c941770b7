package dev.tandem.collab;

import dev.tandem.metrics.Meters;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.MessageCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What waits to be sent to one participant. One frame is in flight at a time; whatever queues up
 * meanwhile leaves as a single frame, so a busy receiver costs fewer frames, not more. The
 * messages a store write releases for this receiver (its acks and the broadcasts of every edit in
 * that write) arrive together ({@link #offerAll}) and leave as one frame: on a busy document a
 * write carries many edits, so frames per edit stay few without any timer, and a lone typist's
 * ack leaves the moment its edit is stored. With a batch delay ({@code tandem.batch-millis}, 0 by
 * default), a message also waits that long for others to join it, unless the receiver has had no
 * frame for {@value #QUIET_BATCHES} batch delays. A receiver that falls {@code limit} messages,
 * or {@code maxBytes} of them (counted with the frame in flight, which the transport holds until
 * it is written), behind is cut off rather than allowed to hold memory or slow anybody else: it
 * can reconnect and resume. One message alone always goes, however large (a welcome carries the
 * whole document).
 */
final class Outbox implements Recipient {
    /** Batch delays without a frame after which a receiver counts as quiet. */
    static final int QUIET_BATCHES = 10;

    private final Channel channel;
    private final int limit;
    private final long maxBytes;
    private final ScheduledExecutorService timer;
    private final Meters meters;
    private final long batchNanos;
    private final long quietNanos;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    /** The heap the queued messages and the frame in flight take, as counted: two bytes a character. */
    private long queuedBytes;
    private long inFlightBytes;
    private boolean sending;
    private boolean waiting;
    private boolean closed;
    /** Set by {@link #finish}: how the connection ends once what is queued has left. */
    private CloseCode finishReason;
    private String finishMessage;
    /** When the last frame left (System.nanoTime()). */
    private long lastFrameNanos;

    Outbox(Channel channel, int limit, long maxBytes, ScheduledExecutorService timer, long batchNanos) {
        this(channel, limit, maxBytes, timer, batchNanos, Meters.NONE);
    }

    Outbox(Channel channel, int limit, long maxBytes, ScheduledExecutorService timer, long batchNanos, Meters meters) {
        this.channel = channel;
        this.meters = meters;
        this.limit = limit;
        this.maxBytes = maxBytes;
        this.timer = timer;
        this.batchNanos = batchNanos;
        this.quietNanos = QUIET_BATCHES * batchNanos;
        this.lastFrameNanos = System.nanoTime() - quietNanos;
    }

    /** Queues {@code encoded}, then sends what is queued, or waits for the batch delay; false if closed or cut off. */
    @Override
    public boolean offer(String encoded) {
        if (!queue(List.of(encoded))) {
            return false;
        }
        dispatch();
        return true;
    }

    @Override
    public void offerAll(List<String> messages) {
        if (queue(messages)) {
            dispatch();
        }
    }

    @Override
    public void enqueue(List<String> messages) {
        queue(messages);
    }

    /** Queues {@code messages}; false if closed, or cut off now for falling too far behind. */
    private boolean queue(List<String> messages) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            for (String encoded : messages) {
                long bytes = 2L * encoded.length();
                if (queue.size() >= limit || (queuedBytes + inFlightBytes > 0 && queuedBytes + inFlightBytes + bytes > maxBytes)) {
                    closed = true;
                    queue.clear();
                    queuedBytes = 0;
                    break;
                }
                queue.add(encoded);
                queuedBytes += bytes;
            }
            if (!closed) {
                return true;
            }
        }
        meters.cutOff(channel.transport());
        channel.close(CloseCode.TRY_AGAIN_LATER, "too far behind: reconnect to resume");
        return false;
    }

    /** Sends what is queued as one frame, unless a frame is in flight (it follows that one) or a batch delay applies. */
    @Override
    public void dispatch() {
        String frame = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (batchNanos == 0 || quiet()) {
                frame = takeFrame();
            } else if (!sending && !waiting && !queue.isEmpty()) {
                waiting = true;
                timer.schedule(this::flush, batchNanos, TimeUnit.NANOSECONDS);
            }
        }
        if (frame != null) {
            send(frame);
        }
    }

    /** The batch delay is over: send what has gathered. */
    private void flush() {
        String frame;
        synchronized (this) {
            waiting = false;
            frame = closed ? null : takeFrame();
        }
        if (frame != null) {
            send(frame);
        }
    }

    @Override
    public void shutDown(CloseCode reason, String message) {
        close();
        channel.close(reason, message);
    }

    /** Stops sending; what is queued is dropped. */
    synchronized void close() {
        closed = true;
        queue.clear();
        queuedBytes = 0;
    }

    /**
     * Takes nothing more, sends what is queued (the error that says why), then ends the
     * connection: a frame in flight is let finish first. The transport sends a close after the
     * frames handed to it before.
     */
    @Override
    public void finish(CloseCode reason, String message) {
        String frame;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            finishReason = reason;
            finishMessage = message;
            if (sending) {
                return; // sent() finishes
            }
            frame = takeAll();
        }
        finishWith(frame);
    }

    private void sent(Throwable failure) {
        String frame;
        boolean finishing;
        synchronized (this) {
            sending = false;
            inFlightBytes = 0;
            finishing = finishReason != null && failure == null;
            if (failure != null) {
                closed = true;
                queue.clear();
                queuedBytes = 0;
            }
            frame = finishing ? takeAll() : closed ? null : takeFrame();
        }
        if (failure != null) {
            channel.close(CloseCode.SERVER_ERROR, "send failed");
        } else if (finishing) {
            finishWith(frame);
        } else if (frame != null) {
            send(frame);
        }
    }

    /** Hands one frame to the transport; {@link #sent} is called once it is written. */
    private void send(String frame) {
        meters.sent(channel.transport(), Meters.utf8Length(frame));
        channel.send(frame, this::sent);
    }

    /** Sends the last frame, if any, and ends the connection. */
    private void finishWith(String lastFrame) {
        if (lastFrame != null) {
            meters.sent(channel.transport(), Meters.utf8Length(lastFrame));
            channel.send(lastFrame, failure -> { });
        }
        channel.close(finishReason, finishMessage);
    }

    /** Everything queued, as one frame, or null; empties the queue. */
    private String takeAll() {
        if (queue.isEmpty()) {
            return null;
        }
        List<String> batch = new ArrayList<>(queue);
        queue.clear();
        queuedBytes = 0;
        return MessageCodec.batch(batch);
    }

    private boolean quiet() {
        return !waiting && System.nanoTime() - lastFrameNanos >= quietNanos;
    }

    /** Everything queued, as one frame, if nothing is in flight; marks the send as started. */
    private String takeFrame() {
        if (sending || queue.isEmpty()) {
            return null;
        }
        List<String> batch = new ArrayList<>(queue);
        queue.clear();
        inFlightBytes = queuedBytes;
        queuedBytes = 0;
        sending = true;
        lastFrameNanos = System.nanoTime();
        return MessageCodec.batch(batch);
    }
}
