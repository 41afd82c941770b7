package dev.tandem.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.core.ExecutorServiceProvider;
import org.junit.jupiter.api.Test;

/** Against a real Tyrus container: the one its sessions take their idle-timer scheduler from. */
class IdleTimerSchedulerTest {

    @Test
    void aTyrusContainerHandsOutTheGivenSchedulerUntilUndone() {
        ClientManager container = ClientManager.createClient();
        ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);

        IdleTimerScheduler.Installed installed = IdleTimerScheduler.install(container, scheduler);

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
        assertNull(IdleTimerScheduler.install(new Object(), scheduler));
        assertNull(IdleTimerScheduler.install(null, scheduler));
        scheduler.shutdown();
    }
}
