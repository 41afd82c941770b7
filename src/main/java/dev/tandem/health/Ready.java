package dev.tandem.health;

import dev.tandem.collab.DocumentRegistry;
import dev.tandem.store.DocumentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether this server can take people in now ({@code /health/ready}): it is not stopping (down
 * from the moment a stop begins, so that a balancer sends nobody new), the database answers, the
 * last write to it did not fail, and, in a cluster, this node sees a majority of the nodes.
 */
@Readiness
@ApplicationScoped
public class Ready implements HealthCheck {
    @Inject
    DocumentRegistry registry;

    @Inject
    DocumentStore store;

    @Override
    public HealthCheckResponse call() {
        boolean running = !registry.stopping();
        boolean database = store.reachable();
        boolean writing = !store.failing();
        boolean cluster = registry.grid().seesMajority();
        return HealthCheckResponse.named("tandem")
                .status(running && database && writing && cluster)
                .withData("stopping", !running)
                .withData("database", database ? "answers" : "does not answer")
                .withData("writes", writing ? "succeed" : "fail: edits wait, unacknowledged")
                .withData("cluster", cluster ? "a majority of its nodes seen" : "fewer than a majority of its nodes seen")
                .build();
    }
}
