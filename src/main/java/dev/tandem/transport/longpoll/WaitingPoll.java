package dev.tandem.transport.longpoll;

import java.util.concurrent.Future;

/**
 * A poll held until its session has something to answer, or its hold time is over; it holds no
 * thread. It is answered empty at the hold time by a timer of the sessions' own: containers' async
 * timeouts are not all punctual. The poll came over HTTP to this node ({@link HeldRequest}) or
 * to another node, which relays it ({@link RelayedPoll}).
 */
abstract class WaitingPoll {
    final LongPollSession session;
    private volatile Future<?> timer;

    WaitingPoll(LongPollSession session) {
        this.session = session;
    }

    /** Starts waiting for at most {@code holdMillis}. */
    void hold(LongPollSessions sessions, long holdMillis) {
        timer = sessions.schedule(() -> session.holdTimeOver(this), holdMillis);
    }

    /**
     * Answers the poll; {@code onItsThread} if this is the thread that received it, still handling
     * it (else the answer may not block).
     */
    abstract void answer(int status, String body, boolean onItsThread);

    /** Answered, or gone: its timer goes, and the session stops holding it. */
    final void ended() {
        Future<?> pending = timer;
        if (pending != null) {
            pending.cancel(false);
        }
        session.released(this);
    }
}
