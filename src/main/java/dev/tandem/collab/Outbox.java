package dev.tandem.collab;

import dev.tandem.protocol.MessageCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What waits to be sent to one participant. One frame is in flight at a time; whatever queues up
 * meanwhile leaves as a single frame, so a busy receiver costs fewer frames, not more. A receiver
 * that falls {@code limit} messages behind is cut off rather than allowed to hold memory or slow
 * anybody else: it can reconnect and resume.
 */
final class Outbox {
    private final Channel channel;
    private final int limit;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;

    Outbox(Channel channel, int limit) {
        this.channel = channel;
        this.limit = limit;
    }

    /** Queues an encoded message; false if the receiver is gone or too far behind. */
    boolean offer(String encoded) {
        String frame = null;
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (queue.size() >= limit) {
                closed = true;
                overflow = true;
                queue.clear();
            } else {
                queue.add(encoded);
                frame = takeFrame();
            }
        }
        if (overflow) {
            channel.close(Closing.TRY_AGAIN_LATER, "too far behind: reconnect to resume");
            return false;
        }
        if (frame != null) {
            channel.send(frame, this::sent);
        }
        return true;
    }

    /** Stops sending; what is queued is dropped. */
    synchronized void close() {
        closed = true;
        queue.clear();
    }

    private void sent(Throwable failure) {
        String frame;
        synchronized (this) {
            sending = false;
            if (failure != null) {
                closed = true;
                queue.clear();
            }
            frame = closed ? null : takeFrame();
        }
        if (failure != null) {
            channel.close(Closing.SERVER_ERROR, "send failed");
        } else if (frame != null) {
            channel.send(frame, this::sent);
        }
    }

    /** Everything queued, as one frame, if nothing is in flight; marks the send as started. */
    private String takeFrame() {
        if (sending || queue.isEmpty()) {
            return null;
        }
        List<String> batch = new ArrayList<>(queue);
        queue.clear();
        sending = true;
        return MessageCodec.batch(batch);
    }
}
