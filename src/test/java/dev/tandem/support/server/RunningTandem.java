package dev.tandem.support.server;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link PayaraMicroProcess} running Tandem, booted once for the whole test run
 * (a boot costs ~15 s) and stopped when the run ends.
 */
public final class RunningTandem implements ParameterResolver {
    /** How many WebSocket connections the shared server takes from one address. */
    public static final int WEBSOCKETS_PER_ADDRESS = 40;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PayaraMicroProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(RunningTandem.class))
                .getOrComputeIfAbsent("server", key -> start(), Resource.class).server;
    }

    private static Resource start() {
        try {
            PayaraMicroProcess server = new PayaraMicroProcess(
                    Path.of("target", "payara-it", "root-" + System.currentTimeMillis()).toAbsolutePath(),
                    // long polls held 5 s, not 25, and quiet clients gone after 4 s, not 30: tests wait less;
                    // 40 WebSocket connections per address, not 200: a test reaches the bound sooner;
                    // nobody signs in: these tests are of the protocol (AccessIT has its own server)
                    List.of("tandem.access=link", "tandem.longpoll-hold-seconds=5", "tandem.longpoll-expiry-seconds=4",
                            "tandem.websocket-max-connections-per-address=" + WEBSOCKETS_PER_ADDRESS));
            String newest = System.getProperty("tandem.it.newest-java", "");
            if (!newest.isBlank()) {
                server.onJava(newest); // the tests that share this server run it on the newest JDK given
            }
            server.start();
            return new Resource(server);
        } catch (Exception e) {
            throw new IllegalStateException("could not start Tandem on Payara Micro", e);
        }
    }

    /** Stops the server when JUnit closes the root store, at the end of the run. */
    private record Resource(PayaraMicroProcess server) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
