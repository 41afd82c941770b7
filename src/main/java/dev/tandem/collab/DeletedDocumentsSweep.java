package dev.tandem.collab;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Erases documents deleted longer ago than they may be restored, a minute after start and every
 * six hours, on the server's scheduled executor (not the registry's timer, which keeps
 * connections alive). Every node of a cluster sweeps; erasing twice is erasing once.
 */
@ApplicationScoped
public class DeletedDocumentsSweep {
    private static final Logger LOG = Logger.getLogger(DeletedDocumentsSweep.class.getName());

    @Inject
    DocumentCatalog catalog;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> sweeps;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (scheduler != null) {
            sweeps = scheduler.scheduleWithFixedDelay(this::sweep, 1, 6 * 60, TimeUnit.MINUTES);
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
    }

    private void sweep() {
        try {
            int erased = catalog.purge();
            if (erased > 0) {
                LOG.info("erased " + erased + " documents deleted more than " + DocumentCatalog.RESTORABLE.toDays()
                        + " days ago");
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "deleted documents could not be erased; the next sweep tries again", failed);
        }
    }
}
