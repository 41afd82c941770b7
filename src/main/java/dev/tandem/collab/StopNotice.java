package dev.tandem.collab;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * When the server is stopped (SIGTERM, Ctrl-C), tells everyone to reconnect (1001) before the
 * container tears the connections down: the container cuts WebSockets without a word (1006) while
 * undeploying, before the application hears of it, so the notice goes from a JVM shutdown hook,
 * during the server's shutdown grace (Payara Micro: {@code --shutdowngrace}).
 */
@ApplicationScoped
public class StopNotice {
    /** Long enough for the notices to leave; well within the grace the README's set-up gives. */
    private static final long SENDING_MILLIS = 500;

    @Inject
    DocumentRegistry registry;

    @Resource
    ManagedThreadFactory threads;

    private Thread hook;

    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        hook = threads.newThread(() -> {
            registry.goAway("the server is stopping: reconnect");
            try {
                Thread.sleep(SENDING_MILLIS);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Undeployed without the JVM stopping (a redeploy): nothing to tell, and no hook left behind. */
    @PreDestroy
    void stop() {
        try {
            if (hook != null) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        } catch (IllegalStateException stopping) {
            // the JVM is stopping: the hook is running, or has run
        }
    }
}
