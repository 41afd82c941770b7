package dev.tandem.transport.longpoll;

import dev.tandem.collab.Channel;
import dev.tandem.collab.Connection;
import dev.tandem.metrics.Meters;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.LongPolling;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Consumer;

/**
 * One long-polling client, as the service's {@link Channel}: the outbox's frames wait in a
 * {@link FrameWindow} for the client's polls, and at most one poll waits for them
 * ({@link WaitingPoll}); a new poll answers the one waiting and takes its place.
 */
final class LongPollSession implements Channel {
    @Override
    public String transport() {
        return Meters.LONG_POLLING;
    }

    final String id;
    final DocumentId documentId;
    /** The network address the session was opened from. */
    final String address;
    /** Who opened it (null: a guest): only they may use it. */
    final String user;
    private final LongPollSessions owner;
    /** Held while handing one request's messages to the connection, which takes them one at a time. */
    private final Object receiving = new Object();
    private Connection connection;
    private final FrameWindow window = new FrameWindow();
    private WaitingPoll waiting;
    private LongPolling.Close closing;
    private boolean ended;
    private long lastHeard;
    private long waitingSince;

    LongPollSession(String id, DocumentId documentId, String address, String user, LongPollSessions owner) {
        this.id = id;
        this.documentId = documentId;
        this.address = address;
        this.user = user;
        this.owner = owner;
        this.lastHeard = System.nanoTime();
    }

    synchronized void attach(Connection connection) {
        this.connection = connection;
    }

    /** A request's body: one message or an array of them; one request at a time per session. */
    void receive(String body) {
        Connection target;
        synchronized (this) {
            lastHeard = System.nanoTime();
            target = ended ? null : connection;
        }
        if (target != null) {
            synchronized (receiving) {
                target.receiveAll(body);
            }
        }
    }

    /**
     * Whether the session's first request made it a participant, or at least ended it with a reason
     * to tell (a document turning it away): if neither, the request held no join that could be read.
     */
    synchronized boolean started() {
        return closing != null || (connection != null && connection.joined());
    }

    /** Whether the session ends for access: not let in, or access taken away. */
    synchronized boolean endsForAccess() {
        return closing != null ? closing.code() == CloseCode.ACCESS
                : connection != null && connection.endedWith() == CloseCode.ACCESS;
    }

    /** The session ends now, refused: the answer to give, with whatever the client was told first. */
    String refuse(CloseCode reason, String message) {
        close(reason, message);
        synchronized (this) {
            ended = true;
            owner.remove(this);
            return body();
        }
    }

    /** The outbox's next frame (it hands over one at a time): answers the waiting poll, if any. */
    @Override
    public void send(String frame, Consumer<Throwable> done) {
        WaitingPoll answered = null;
        String body = null;
        boolean refused;
        synchronized (this) {
            refused = ended;
            if (!ended) {
                window.put(frame, done);
                answered = waiting;
                waiting = null;
                body = answered == null ? null : body();
            }
        }
        if (refused) {
            done.accept(new IllegalStateException("the long-polling session has ended"));
        } else if (answered != null) {
            respond(answered, body, false);
        }
    }

    @Override
    public void close(CloseCode reason, String message) {
        WaitingPoll answered;
        String body;
        synchronized (this) {
            if (closing != null || ended) {
                return;
            }
            closing = new LongPolling.Close(reason, message);
            answered = waiting;
            waiting = null;
            body = answered == null ? null : body();
        }
        if (answered != null) {
            respond(answered, body, false);
        }
        Connection ending = connection;
        if (ending != null) {
            ending.closed(); // leaves the presence list now, not when the client next polls
        }
    }

    /**
     * A poll: acknowledges the frames up to {@code ack}, then answers at once with what there
     * is, or waits up to {@code holdMillis} for something.
     */
    void poll(long ack, WaitingPoll poll, long holdMillis) {
        Consumer<Throwable> acknowledged;
        synchronized (this) {
            lastHeard = System.nanoTime();
            acknowledged = window.acknowledge(ack);
        }
        if (acknowledged != null) {
            acknowledged.accept(null); // the outbox hands over its next frame now if it has one
        }
        WaitingPoll superseded;
        String supersededBody = null;
        String body = null;
        synchronized (this) {
            // the client gave up on the poll that waits (a proxy may have cut it): this one replaces it
            superseded = waiting;
            waiting = null;
            if (superseded != null) {
                supersededBody = body();
            }
            if (window.hasFrame() || closing != null || ended) {
                body = body();
            } else {
                waiting = poll;
                waitingSince = lastHeard;
                waiting.hold(owner, holdMillis);
            }
        }
        if (superseded != null) {
            respond(superseded, supersededBody, false);
        }
        if (body != null) {
            // a busy client's usual case: something was waiting, and this is the poll's own thread
            respond(poll, body, true);
        }
    }

    /** {@code poll} waited its whole hold time: an answer with no messages, if it still waits. */
    void holdTimeOver(WaitingPoll poll) {
        String body;
        synchronized (this) {
            if (waiting != poll) {
                return;
            }
            waiting = null;
            body = body();
        }
        respond(poll, body, false);
    }

    /** {@code poll} was answered or went away. */
    synchronized void released(WaitingPoll poll) {
        if (waiting == poll) {
            waiting = null;
            lastHeard = System.nanoTime();
        }
    }

    /** The client stopped polling: it leaves. */
    void expire() {
        WaitingPoll stale;
        synchronized (this) {
            ended = true;
            stale = waiting;
            waiting = null;
        }
        if (stale != null) {
            stale.answer(HttpServletResponse.SC_GONE, new LongPolling.Answer(0, null, null).toJson(), false);
        }
        Connection ending = connection;
        if (ending != null) {
            ending.closed();
        }
    }

    /**
     * No poll for {@code expiry} since the last one ended, or a poll still open long after its
     * hold time (the container never told us its client went away).
     */
    synchronized boolean expired(long expiryNanos, long holdNanos, long now) {
        return waiting == null ? now - lastHeard > expiryNanos : now - waitingSince > holdNanos + expiryNanos;
    }

    /** The answer to a poll now. */
    private String body() {
        return window.answer(closing).toJson();
    }

    /** Answers a poll; {@code onItsThread} if this is the thread that received it, still handling it. */
    private void respond(WaitingPoll poll, String body, boolean onItsThread) {
        boolean closes;
        int status;
        synchronized (this) {
            lastHeard = System.nanoTime();
            closes = closing != null;
            status = endsForAccess() ? HttpServletResponse.SC_FORBIDDEN : HttpServletResponse.SC_OK;
            if (closes) {
                ended = true;
            }
        }
        if (closes) {
            owner.remove(this);
        }
        poll.answer(status, body, onItsThread);
    }
}
