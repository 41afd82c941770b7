package dev.tandem.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.CDI;
import java.util.logging.Logger;

/**
 * The {@link Meters} of this server: on MicroProfile Metrics where the server has it (Payara),
 * else none, so that the WAR runs on servers without it. MicroProfile's classes are touched only
 * once they are known to be there.
 */
@ApplicationScoped
public class MetersFromServer {
    private static final Logger LOG = Logger.getLogger(MetersFromServer.class.getName());
    private static final String METERS = "dev.tandem.metrics.MicroProfileMeters";

    @Produces
    @ApplicationScoped
    Meters meters() {
        try {
            // by name: without MicroProfile Metrics, the class cannot be loaded, nor is it a bean
            Class<?> meters = Class.forName(METERS, true, MetersFromServer.class.getClassLoader());
            return (Meters) CDI.current().select(meters).get();
        } catch (ClassNotFoundException | LinkageError | RuntimeException none) {
            LOG.info("this server has no MicroProfile Metrics: Tandem's metrics are not kept (" + none.getClass().getSimpleName()
                    + ")");
            return Meters.NONE;
        }
    }
}
