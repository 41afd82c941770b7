package dev.tandem.transport.longpoll;

import dev.tandem.collab.Channel;
import dev.tandem.protocol.CloseCode;
import dev.tandem.collab.Connection;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One long-polling client, as the service's {@link Channel}. The outbox hands it one frame at a
 * time; the frame is numbered and stays here until a later poll acknowledges its number, so a
 * poll response lost on the way is simply sent again, and nothing is delivered twice to a client
 * that skips numbers it has seen. Only then does the outbox send the next frame, holding
 * (and batching) whatever comes meanwhile, within its bound. A waiting poll holds no thread.
 */
final class LongPollSession implements Channel {
    /** Looked up once: {@code Json.create*} looks the provider up on every call, a class-path scan. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final long BACKSTOP_MILLIS = 30_000;
    private static final int CHUNK = 16 * 1024;
    final String id;
    final String documentId;
    private final LongPollSessions owner;
    /** Held while handing one request's messages to the connection, which takes them one at a time. */
    private final Object receiving = new Object();
    private Connection connection;
    /** Frames handed out so far; the one in flight has this number. */
    private long numbered;
    private String inFlight;
    private Consumer<Throwable> inFlightDone;
    private AsyncContext parked;
    private CloseCode closing;
    private String closingReason;
    private boolean ended;
    private long lastHeard;
    private long parkedSince;

    LongPollSession(String id, String documentId, LongPollSessions owner) {
        this.id = id;
        this.documentId = documentId;
        this.owner = owner;
        this.lastHeard = System.nanoTime();
    }

    synchronized void attach(Connection connection) {
        this.connection = connection;
    }

    /** The client's messages, in order; one request at a time per session. */
    void receive(Iterable<String> messages) {
        Connection target;
        synchronized (this) {
            lastHeard = System.nanoTime();
            target = ended ? null : connection;
        }
        if (target != null) {
            synchronized (receiving) {
                for (String message : messages) {
                    target.receive(message);
                }
            }
        }
    }

    @Override
    public void send(String frame, Consumer<Throwable> done) {
        AsyncContext answer = null;
        String body = null;
        boolean refused;
        synchronized (this) {
            refused = ended;
            if (!ended) {
                inFlight = frame;
                inFlightDone = done;
                numbered++;
                answer = parked;
                parked = null;
                body = answer == null ? null : body();
            }
        }
        if (refused) {
            done.accept(new IllegalStateException("the long-polling session has ended"));
        } else if (answer != null) {
            respond(answer, body, false);
        }
    }

    @Override
    public void close(CloseCode reason, String message) {
        AsyncContext answer;
        String body;
        synchronized (this) {
            if (closing != null || ended) {
                return;
            }
            closing = reason;
            closingReason = message;
            answer = parked;
            parked = null;
            body = answer == null ? null : body();
        }
        if (answer != null) {
            respond(answer, body, false);
        }
        Connection ending = connection;
        if (ending != null) {
            ending.closed(); // leaves the presence list now, not when the client next polls
        }
    }

    /**
     * A poll: acknowledges the frame numbered {@code ack} if it is the one in flight, then answers
     * at once with what there is, or waits up to {@code holdMillis} for something.
     */
    void poll(long ack, AsyncContext context, long holdMillis) {
        Consumer<Throwable> acknowledged = null;
        synchronized (this) {
            lastHeard = System.nanoTime();
            if (inFlight != null && ack >= numbered) {
                acknowledged = inFlightDone;
                inFlight = null;
                inFlightDone = null;
            }
        }
        if (acknowledged != null) {
            acknowledged.accept(null); // the outbox hands over its next frame now if it has one
        }
        AsyncContext superseded = null;
        String supersededBody = null;
        String body = null;
        synchronized (this) {
            if (parked != null) {
                // the client gave up on that request (a proxy may have cut it): this one replaces it
                superseded = parked;
                parked = null;
                supersededBody = body();
            }
            if (inFlight != null || closing != null || ended) {
                body = body();
            } else {
                parked = context;
                parkedSince = lastHeard;
                // answered empty at the hold time by our own timer: containers' async timeouts
                // are not all punctual; theirs stays as a backstop
                Expiry expiry = new Expiry(context);
                context.setTimeout(holdMillis + BACKSTOP_MILLIS);
                context.addListener(expiry);
                expiry.timer = owner.schedule(expiry::answerEmpty, holdMillis);
            }
        }
        if (superseded != null) {
            respond(superseded, supersededBody, false);
        }
        if (body != null) {
            // a busy client's usual case: something was waiting, and this is the poll's own thread
            respond(context, body, true);
        }
    }

    /** The client stopped polling: it leaves. */
    void expire() {
        AsyncContext stale;
        synchronized (this) {
            ended = true;
            stale = parked;
            parked = null;
        }
        if (stale != null) {
            write(stale, HttpServletResponse.SC_GONE, "{\"seq\":0,\"messages\":[]}");
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
        return parked == null ? now - lastHeard > expiryNanos : now - parkedSince > holdNanos + expiryNanos;
    }

    /** {"seq": n, "messages": [...], "close": {...}} for what is in flight now. */
    private String body() {
        StringBuilder body = new StringBuilder(64 + (inFlight == null ? 0 : inFlight.length()));
        body.append("{\"seq\":").append(numbered).append(",\"messages\":");
        if (inFlight == null) {
            body.append("[]");
        } else if (inFlight.startsWith("[")) {
            body.append(inFlight);
        } else {
            body.append('[').append(inFlight).append(']');
        }
        if (closing != null) {
            body.append(",\"close\":{\"code\":").append(closing.code()).append(",\"reason\":")
                    .append(JSON.createValue(closingReason == null ? "" : closingReason)).append('}');
        }
        return body.append('}').toString();
    }

    /** Answers a poll; {@code onItsThread} if this is the thread that received it, still handling it. */
    private void respond(AsyncContext context, String body, boolean onItsThread) {
        boolean closes;
        synchronized (this) {
            lastHeard = System.nanoTime();
            closes = closing != null;
            if (closes) {
                ended = true;
            }
        }
        if (closes) {
            owner.remove(this);
        }
        if (onItsThread) {
            write(context, HttpServletResponse.SC_OK, body);
            return;
        }
        try {
            // on a thread of the sessions' own: answered on the thread of another request (the
            // POST that brought an edit), Payara's CDI logs a context leak for every poll
            owner.answer(() -> write(context, HttpServletResponse.SC_OK, body));
        } catch (RejectedExecutionException stopping) {
            complete(context);
        }
    }

    /**
     * Writes an answer without blocking: the thread that delivers a frame may be the one that
     * sends every document's batches, and a client that does not read its answer must not hold it.
     */
    static void write(AsyncContext context, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            HttpServletResponse response = (HttpServletResponse) context.getResponse();
            LongPollServlet.headers(response, status, bytes.length);
            ServletOutputStream out = response.getOutputStream();
            out.setWriteListener(new WriteListener() {
                private int written;

                @Override
                public void onWritePossible() throws IOException {
                    while (out.isReady()) {
                        if (written == bytes.length) {
                            context.complete();
                            return;
                        }
                        int length = Math.min(CHUNK, bytes.length - written);
                        out.write(bytes, written, length);
                        written += length;
                    }
                }

                @Override
                public void onError(Throwable failure) {
                    // the client went away; the frame stays in flight for its next poll
                    complete(context);
                }
            });
        } catch (IOException | IllegalStateException gone) {
            complete(context);
        }
    }

    private static void complete(AsyncContext context) {
        try {
            context.complete();
        } catch (IllegalStateException alreadyComplete) {
            // timed out or failed meanwhile
        }
    }

    /** Answers a poll that waited its full hold time with nothing to deliver. */
    private final class Expiry implements AsyncListener {
        private final AsyncContext context;
        volatile Future<?> timer;

        Expiry(AsyncContext context) {
            this.context = context;
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            answerEmpty();
        }

        /** The hold time is over and nothing came: an answer with no messages, if still waiting. */
        void answerEmpty() {
            String body;
            synchronized (LongPollSession.this) {
                if (parked != context) {
                    return;
                }
                parked = null;
                body = body();
            }
            respond(context, body, false);
        }

        @Override
        public void onError(AsyncEvent event) {
            release();
        }

        @Override
        public void onComplete(AsyncEvent event) {
            release();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not used
        }

        private void release() {
            Future<?> pending = timer;
            if (pending != null) {
                pending.cancel(false);
            }
            synchronized (LongPollSession.this) {
                if (parked == context) {
                    parked = null;
                    lastHeard = System.nanoTime();
                }
            }
        }
    }
}
