package dev.tandem.support.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers the tests start, free now and likely to stay free until the server binds.
 *
 * <p>A port the kernel hands out for {@code new ServerSocket(0)} comes from its ephemeral range,
 * the same range outgoing connections take their local ports from: a cluster node picked its port,
 * waited for the first node's data grid, and found the port taken by one of that node's own
 * connections. So ports are picked at random below the ephemeral range, each at most once per
 * test run, and only if nothing listens there now.
 */
public final class FreePorts {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int SPAN = 12_000;
    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port nothing listens on, not handed out before in this JVM. */
    public static int take() {
        int ephemeralStart = ephemeralStart();
        int from = Math.max(LOWEST, ephemeralStart - SPAN);
        if (ephemeralStart - from >= 1_000) {
            for (int tries = 0; tries < 200; tries++) {
                int port = ThreadLocalRandom.current().nextInt(from, ephemeralStart);
                if (HANDED_OUT.add(port) && bindable(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket probe = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux's default where it cannot be read). */
    private static int ephemeralStart() {
        try {
            return Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unknown) {
            return 32_768;
        }
    }
}
