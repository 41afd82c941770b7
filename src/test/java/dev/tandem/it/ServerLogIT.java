package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.RunningTandem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What Tandem reports about itself at boot, on the Payara Micro that the README runs. */
@ExtendWith(RunningTandem.class)
class ServerLogIT {

    @Test
    void webSocketIdleTimersRunOnTandemsOwnScheduler(PayaraMicroProcess server) throws Exception {
        assertTrue(server.log().contains("WebSocket idle timers run on Tandem's own scheduler"),
                "Payara's Tyrus is recognised (IdleTimerScheduler)");
    }
}
