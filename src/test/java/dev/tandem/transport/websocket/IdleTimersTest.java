package dev.tandem.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.websocket.server.ServerContainer;
import java.lang.reflect.Proxy;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.core.ExecutorServiceProvider;
import org.junit.jupiter.api.Test;

/** Against a real Tyrus container: the idle timeout its sessions are made with, and the scheduler they take. */
class IdleTimersTest {

    @Test
    void everySessionIsMadeWithTheBackstopIdleTimeoutNeverZero() {
        ClientManager container = ClientManager.createClient();
        IdleTimers timers = new IdleTimers();
        timers.pingSeconds = 30;
        timers.enabled = false;
        ServletContext context = (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) ->
                        method.getName().equals("getAttribute") && ServerContainer.class.getName().equals(args[0]) ? container : null);

        timers.contextInitialized(new ServletContextEvent(context));

        assertEquals(Liveness.BACKSTOP_INTERVALS * 30_000L, container.getDefaultMaxSessionIdleTimeout());
        container.shutdown();
    }

    @Test
    void aTyrusContainerHandsOutTheGivenSchedulerUntilUndone() {
        ClientManager container = ClientManager.createClient();
        ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);

        IdleTimers.Installed installed = IdleTimers.install(container, scheduler);

        assertNotNull(installed, "Tyrus's container is recognised");
        assertSame(scheduler, ((ExecutorServiceProvider) container).getScheduledExecutorService());
        installed.undo();
        assertNotSame(scheduler, ((ExecutorServiceProvider) container).getScheduledExecutorService());
        assertTrue(scheduler.isShutdown());
        container.shutdown();
    }

    @Test
    void anyOtherContainerIsLeftAlone() {
        ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);
        assertNull(IdleTimers.install(new Object(), scheduler));
        assertNull(IdleTimers.install(null, scheduler));
        scheduler.shutdown();
    }
}
