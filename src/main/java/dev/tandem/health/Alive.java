package dev.tandem.health;

import dev.tandem.collab.DocumentRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Whether this server is stuck ({@code /health/live}): the thread that sends batched frames and
 * releases idle documents looks for idle documents every second at most; a server where it has
 * not for {@link #STUCK_SECONDS} sends nobody's batched edits and should be restarted.
 */
@Liveness
@ApplicationScoped
public class Alive implements HealthCheck {
    static final long STUCK_SECONDS = 30;

    @Inject
    DocumentRegistry registry;

    @Override
    public HealthCheckResponse call() {
        long quietSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - registry.lastSweepNanos());
        return HealthCheckResponse.named("tandem")
                .status(quietSeconds < STUCK_SECONDS)
                .withData("timer last ran, seconds ago", quietSeconds)
                .build();
    }
}
