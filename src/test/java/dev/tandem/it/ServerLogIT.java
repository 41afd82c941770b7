package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.RunningTandem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tandem on the Payara Micro that the README runs: what it says of itself, and what it opens. */
@ExtendWith(RunningTandem.class)
class ServerLogIT {

    @Test
    void webSocketIdleTimersRunOnTandemsOwnScheduler(PayaraMicroProcess server) throws Exception {
        assertTrue(server.log().contains("WebSocket idle timers run on Tandem's own scheduler"),
                "Payara's Tyrus is recognised (IdleTimerScheduler)");
    }

    /** Neither the embedded database nor the data grid listens: only HTTP. */
    @Test
    void nothingButTheHttpPortListens(PayaraMicroProcess server) throws Exception {
        assertEquals(Set.of(server.port()), server.listeningPorts());
    }

    /** The README's root directory (the embedded database, the server's configuration) is its owner's alone. */
    @Test
    void theReadmesRootDirectoryIsPrivate() throws Exception {
        Path rootDir = Path.of(".tandem", "payara");
        assertTrue(Files.isDirectory(rootDir), "made by the build, before the server's first start");
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(rootDir));
    }
}
