package dev.tandem.collab;

import dev.tandem.protocol.CloseCode;
import java.util.function.Consumer;

/** How the service reaches one connection; each transport provides its own. */
public interface Channel {

    /**
     * Sends one frame (one encoded message, or a JSON array of them) without blocking. The outbox
     * issues one send at a time and waits for {@code done}: {@code null} once written, else the failure.
     */
    void send(String frame, Consumer<Throwable> done);

    /** Which transport this is, as the metrics name it ({@link dev.tandem.metrics.Meters#WEBSOCKET}, ...). */
    default String transport() {
        return "other";
    }

    /** Ends the connection. */
    void close(CloseCode reason, String message);
}
