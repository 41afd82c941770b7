package dev.tandem.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start, makes sure the log holds each client's edit once, whoever writes it: (document,
 * client id, seq) unique, as (document, revision) is. Two writers that both believed they ordered
 * a document (two nodes, for a moment) cannot both store one person's edit: the second finds it
 * taken, its write fails, and its copy of the document closes and loads again from the log.
 */
@ApplicationScoped
public class LogFence {
    private static final Logger LOG = Logger.getLogger(LogFence.class.getName());

    @Inject
    EditLog log;

    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            log.fence();
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "the log's unique index on (document, client id, seq) could not be made;"
                    + " until it is, two writers could store one edit twice", failed);
        }
    }
}
