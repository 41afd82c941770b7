package dev.tandem.transport.longpoll;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.concurrent.Future;

/**
 * A poll held until its session has something to answer, or its hold time is over; it holds no
 * thread. It is answered empty at the hold time by a timer of the sessions' own: containers' async
 * timeouts are not all punctual; theirs stays as a backstop.
 */
final class WaitingPoll implements AsyncListener {
    private static final long BACKSTOP_MILLIS = 30_000;

    final AsyncContext context;
    private final LongPollSession session;
    private volatile Future<?> timer;

    WaitingPoll(AsyncContext context, LongPollSession session) {
        this.context = context;
        this.session = session;
    }

    /** Starts waiting for at most {@code holdMillis}. */
    void hold(LongPollSessions sessions, long holdMillis) {
        context.setTimeout(holdMillis + BACKSTOP_MILLIS);
        context.addListener(this);
        timer = sessions.schedule(() -> session.holdTimeOver(this), holdMillis);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        session.holdTimeOver(this);
    }

    @Override
    public void onError(AsyncEvent event) {
        ended();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        ended();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not used
    }

    /** Answered, or gone: its timer goes, and the session stops holding it. */
    private void ended() {
        Future<?> pending = timer;
        if (pending != null) {
            pending.cancel(false);
        }
        session.released(this);
    }
}
