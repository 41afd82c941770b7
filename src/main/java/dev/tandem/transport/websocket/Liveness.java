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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds dead connections: a connection silent for one interval ({@code tandem.ping-seconds}) is
 * pinged; one still silent after another interval (no pong, no message) is closed with 1001, so
 * its participant leaves the document instead of haunting the presence list.
 */
@ApplicationScoped
public class Liveness {
    private static final Logger LOG = Logger.getLogger(Liveness.class.getName());
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
    /** Between two sweeps: half an interval, so that a quiet connection is pinged within one and a half. */
    private long periodMillis;

    @PostConstruct
    void start() {
        timer = new ScheduledThreadPoolExecutor(1, threads);
        periodMillis = Math.max(1, TimeUnit.SECONDS.toMillis(pingSeconds) / 2);
        timer.scheduleWithFixedDelay(this::sweepAndTime, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * A sweep, timed: one slower than the period delays every ping and close after it, and is
     * logged. A sweep that fails is logged too, and the next one still runs (a periodic task that
     * throws is never run again).
     */
    private void sweepAndTime() {
        long started = System.nanoTime();
        try {
            sweep();
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "the liveness sweep failed; the next runs as planned", failure);
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (tookMillis > periodMillis) {
            LOG.warning("the liveness sweep over " + lastHeard.size() + " connections took " + tookMillis
                    + " ms, more than the " + periodMillis + " ms between sweeps: pings and closes of dead connections are late");
        }
    }

    /** Watches {@code session}. */
    void watch(Session session) {
        lastHeard.put(session, clock.getAsLong());
    }

    /**
     * The container's idle timeout for every session ({@link IdleTimers}): a backstop this sweep
     * always beats (it closes a silent connection within two and a half intervals, and its pings
     * re-arm the container's timer). Four intervals were too near: under a storm of a thousand
     * joins, connections waiting their turn, silent but alive, went unpinged that long.
     */
    static long backstopMillis(int pingSeconds) {
        return TimeUnit.SECONDS.toMillis((long) BACKSTOP_INTERVALS * pingSeconds);
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
