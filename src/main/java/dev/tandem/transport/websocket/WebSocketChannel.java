package dev.tandem.transport.websocket;

import dev.tandem.collab.Channel;
import dev.tandem.metrics.Meters;
import dev.tandem.protocol.CloseCode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A WebSocket session as the service's {@link Channel}. */
final class WebSocketChannel implements Channel {
    @Override
    public String transport() {
        return Meters.WEBSOCKET;
    }

    /** RFC 6455 allows 123 bytes of reason in a close frame. */
    private static final int MAX_REASON_BYTES = 123;

    private final Session session;
    /** Where frames go built ({@link RawFrames}); null: through the standard API. */
    private final RawFrames raw;

    WebSocketChannel(Session session) {
        this(session, RawFrames.of(session));
    }

    /** With {@code raw} null, every frame goes through the standard API. */
    WebSocketChannel(Session session, RawFrames raw) {
        this.session = session;
        this.raw = raw;
    }

    @Override
    public void send(String frame, Consumer<Throwable> done) {
        byte[] built = raw == null ? null : TextFrames.of(frame);
        if (built != null) {
            raw.send(built, done);
            return;
        }
        try {
            session.getAsyncRemote().sendText(frame, result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void close(CloseCode reason, String message) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(reason.code()), truncate(message)));
        } catch (IOException | IllegalStateException alreadyClosed) {
            // the connection is gone either way
        }
    }

    private static String truncate(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return message;
        }
        int end = MAX_REASON_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not cut a UTF-8 sequence
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
