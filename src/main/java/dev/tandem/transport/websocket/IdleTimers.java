package dev.tandem.transport.websocket;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerContainer;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The WebSocket container's idle timers: a distant deadline for every session, and (Tyrus, as on
 * Payara) a scheduler of Tandem's own to run them.
 *
 * <p>Every session is made with the container's default idle timeout, set here before any
 * connection opens to a backstop far beyond {@link Liveness}'s pings. Left at 0, Tyrus arms a
 * zero-delay timer as each session is made, and that timer, run just as the endpoint's
 * {@code @OnOpen} sets the session's own timeout, sees a positive timeout and closes the session
 * as idle: now and then a connection in a storm of a thousand joins was closed before its first
 * message. A distant deadline also makes each re-arm a queue insert rather than a task that runs
 * at once, a thread woken per frame.
 *
 * <p>Tyrus re-arms a session's idle timer at every frame sent or received (eclipse-ee4j/tyrus
 * issue 787), on the server's managed scheduled executor, and Payara captures the thread's
 * context for each of those tasks by scanning every jar of the server for a service file: the
 * largest single cost of a received edit (docs/benchmarks.md). The plain scheduler here takes its
 * thread from the server's managed thread factory, so it carries the application's context, and
 * drops cancelled timers at once, so they do not pile up. Tyrus offers no setting for this; its
 * container is given the scheduler through the one field it reads it from. On another WebSocket
 * implementation, or if that field is not found, nothing changes.
 * {@code tandem.websocket.own-idle-scheduler=false} turns the scheduler off.
 */
@WebListener
public class IdleTimers implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(IdleTimers.class.getName());
    private static final String TYRUS_CONTAINER = "org.glassfish.tyrus.core.BaseContainer";
    private static final String TYRUS_FIELD = "managedScheduledExecutorService";

    @Inject
    @ConfigProperty(name = "tandem.websocket.own-idle-scheduler", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "tandem.ping-seconds", defaultValue = "30")
    int pingSeconds;

    @Resource
    ManagedThreadFactory threads;

    private Installed installed;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Object container = event.getServletContext().getAttribute(ServerContainer.class.getName());
        if (container instanceof WebSocketContainer webSockets) {
            webSockets.setDefaultMaxSessionIdleTimeout(Liveness.backstopMillis(pingSeconds));
        }
        if (!enabled) {
            return;
        }
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threads);
        scheduler.setRemoveOnCancelPolicy(true);
        // sessions still closing as the application stops may re-arm a timer: nothing to time then
        scheduler.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        installed = install(container, scheduler);
        if (installed == null) {
            scheduler.shutdown();
            LOG.info("WebSocket idle timers stay on the container's scheduler: it is not Tyrus's");
        } else {
            LOG.info("WebSocket idle timers run on Tandem's own scheduler");
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (installed != null) {
            installed.undo();
            installed = null;
        }
    }

    /** What {@link #install} changed, to put back. */
    record Installed(Object container, Field field, Object previous, ScheduledExecutorService scheduler) {
        void undo() {
            try {
                field.set(container, previous);
            } catch (IllegalAccessException e) {
                LOG.log(Level.WARNING, "could not give the WebSocket container its scheduler back", e);
            }
            scheduler.shutdown();
        }
    }

    /** Makes {@code container} use {@code scheduler} if it is Tyrus's; null if it is not. */
    static Installed install(Object container, ScheduledExecutorService scheduler) {
        Class<?> type = container == null ? null : container.getClass();
        while (type != null && !type.getName().equals(TYRUS_CONTAINER)) {
            type = type.getSuperclass();
        }
        if (type == null) {
            return null;
        }
        try {
            Field field = type.getDeclaredField(TYRUS_FIELD);
            if (!field.getType().isInstance(scheduler)) {
                return null;
            }
            field.setAccessible(true);
            Object previous = field.get(container);
            field.set(container, scheduler);
            return new Installed(container, field, previous, scheduler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Tyrus's container is not as expected", e);
            return null;
        }
    }
}
