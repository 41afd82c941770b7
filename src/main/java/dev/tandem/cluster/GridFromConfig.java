package dev.tandem.cluster;

import dev.tandem.collab.Grid;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@link Grid} this server is part of: on its own (the default), or one node of
 * {@code tandem.cluster.nodes} on the server's data grid (Payara's Hazelcast, which must then be
 * on: docs/operations.md, "Many nodes"). Hazelcast's classes are touched only in a cluster, so the
 * WAR runs on servers without them.
 */
@ApplicationScoped
public class GridFromConfig {
    @Inject
    @ConfigProperty(name = "tandem.cluster.nodes", defaultValue = "1")
    int nodes;

    @Resource
    ManagedThreadFactory threads;

    @Produces
    @ApplicationScoped
    Grid grid() {
        return nodes <= 1 ? Grid.SINGLE : HazelcastGrid.ofServer(nodes, threads);
    }

    void close(@Disposes Grid grid) throws Exception {
        if (grid instanceof AutoCloseable clustered) {
            clustered.close();
        }
    }
}
