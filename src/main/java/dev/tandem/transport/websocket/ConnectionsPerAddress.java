package dev.tandem.transport.websocket;

import dev.tandem.metrics.Meters;
import dev.tandem.transport.AddressCounts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Open WebSocket connections by network address. Each costs the server its buffers and a welcome
 * until it is closed, and opening one takes a single handshake: without a bound, one address could
 * hold thousands that never read.
 */
@ApplicationScoped
public class ConnectionsPerAddress {
    @Inject
    @ConfigProperty(name = "tandem.websocket-max-connections-per-address", defaultValue = "200")
    int max;

    @Inject
    Meters meters;

    private AddressCounts counts;

    @PostConstruct
    void start() {
        counts = new AddressCounts(max);
        meters.connections(Meters.WEBSOCKET, counts::total);
    }

    /** Made at start, so that the metrics count its connections from the start. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer alone makes the container create this bean now
    }

    /** Counts a new connection from {@code address}, or answers false if that address has as many as allowed. */
    boolean take(String address) {
        return counts.take(address);
    }

    void release(String address) {
        counts.release(address);
    }

    int max() {
        return max;
    }
}
