package dev.tandem.transport.websocket;

import dev.tandem.collab.Channel;
import dev.tandem.collab.Closing;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A WebSocket session as the service's {@link Channel}. Under {@code tandem.v1.binary} the frames
 * are binary, holding the same JSON in UTF-8: the JDK encodes a string many times faster than
 * the WebSocket container's text frames do (docs/benchmarks.md).
 */
final class WebSocketChannel implements Channel {
    /** RFC 6455 allows 123 bytes of reason in a close frame. */
    private static final int MAX_REASON_BYTES = 123;

    private final Session session;
    private final boolean binary;

    WebSocketChannel(Session session, boolean binary) {
        this.session = session;
        this.binary = binary;
    }

    @Override
    public void send(String frame, Consumer<Throwable> done) {
        SendHandler handler = result -> done.accept(result.isOK() ? null : result.getException());
        try {
            if (binary) {
                session.getAsyncRemote().sendBinary(ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)), handler);
            } else {
                session.getAsyncRemote().sendText(frame, handler);
            }
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void close(Closing reason, String message) {
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
