package dev.tandem.transport.longpoll;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.concurrent.RejectedExecutionException;

/** A poll that came to this node over HTTP, held in the container's async mode; its timeout stays as a backstop. */
final class HeldRequest extends WaitingPoll implements AsyncListener {
    private static final long BACKSTOP_MILLIS = 30_000;

    private final AsyncContext context;
    private final LongPollSessions sessions;

    HeldRequest(AsyncContext context, LongPollSession session, LongPollSessions sessions) {
        super(session);
        this.context = context;
        this.sessions = sessions;
    }

    @Override
    void hold(LongPollSessions sessions, long holdMillis) {
        context.setTimeout(holdMillis + BACKSTOP_MILLIS);
        context.addListener(this);
        super.hold(sessions, holdMillis);
    }

    @Override
    void answer(int status, String body, boolean onItsThread) {
        if (onItsThread) {
            Answers.write(context, status, body);
            return;
        }
        try {
            // on a thread of the sessions' own: answered on the thread of another request (the
            // POST that brought an edit), Payara's CDI logs a context leak for every poll
            sessions.answer(() -> Answers.write(context, status, body));
        } catch (RejectedExecutionException stopping) {
            Answers.complete(context);
        }
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
}
