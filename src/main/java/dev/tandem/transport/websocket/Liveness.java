package dev.tandem.transport.websocket;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds dead connections: a connection silent for one interval ({@code tandem.ping-seconds}) is
 * pinged; one still silent after another interval (no pong, no message) is closed with 1001, so
 * its participant leaves the document instead of haunting the presence list.
 */
@ApplicationScoped
public class Liveness {
    private static final ByteBuffer PING = ByteBuffer.wrap(new byte[] {'t'});
    /** The container's idle timeout, in ping intervals: a backstop far beyond this sweep. */
    static final int BACKSTOP_INTERVALS = 60;

    private final Map<Session, Long> lastHeard = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "tandem.ping-seconds", defaultValue = "30")
    int pingSeconds;

    /** The server's, so that the timer's thread carries the application's context. */
    @Resource
    ManagedThreadFactory threads;

    LongSupplier clock = System::nanoTime;
    private ScheduledThreadPoolExecutor timer;

    @PostConstruct
    void start() {
        timer = new ScheduledThreadPoolExecutor(1, threads);
        long period = Math.max(1, TimeUnit.SECONDS.toMillis(pingSeconds) / 2);
        timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Watches {@code session}, and gives the container's own idle timeout a distant value, a
     * backstop this sweep always beats (it closes a silent connection within two and a half
     * intervals, and its pings re-arm the container's timer). Its default, 0, is no cheaper: Tyrus
     * re-arms the timer at every frame in and out, and with 0 each re-arm is a task that runs at
     * once, a thread woken per frame; a distant deadline is a queue insert (docs/benchmarks.md).
     * Four intervals were too near: under a storm of a thousand joins, connections waiting their
     * turn, silent but alive, went unpinged that long and the container closed them.
     */
    void watch(Session session) {
        session.setMaxIdleTimeout(TimeUnit.SECONDS.toMillis((long) BACKSTOP_INTERVALS * pingSeconds));
        lastHeard.put(session, clock.getAsLong());
    }

    /** The connection said something (a message or a pong): it is alive. */
    void heard(Session session) {
        lastHeard.replace(session, clock.getAsLong());
    }

    void forget(Session session) {
        lastHeard.remove(session);
    }

    /** Pings the quiet, closes the silent. */
    void sweep() {
        long now = clock.getAsLong();
        long intervalNanos = TimeUnit.SECONDS.toNanos(pingSeconds);
        for (Map.Entry<Session, Long> entry : lastHeard.entrySet()) {
            Session session = entry.getKey();
            long silence = now - entry.getValue();
            try {
                if (!session.isOpen()) {
                    lastHeard.remove(session);
                } else if (silence >= 2 * intervalNanos) {
                    lastHeard.remove(session);
                    session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "no answer to ping"));
                } else if (silence >= intervalNanos) {
                    session.getAsyncRemote().sendPing(PING.duplicate());
                }
            } catch (IOException | RuntimeException gone) {
                lastHeard.remove(session);
            }
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
