package dev.tandem.transport.websocket;

import dev.tandem.collab.Channel;
import dev.tandem.collab.Closing;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A WebSocket session as the service's {@link Channel}. */
final class WebSocketChannel implements Channel {
    /** RFC 6455 allows 123 bytes of reason in a close frame. */
    private static final int MAX_REASON_BYTES = 123;

    /**
     * The context class loader a send runs under. On Payara, Tyrus schedules an idle-timeout task
     * on the server's managed executor at every send, and capturing the thread's context for it
     * scans every jar the context class loader sees for a service file: about a third of the
     * server's CPU under load with the application's loader, next to nothing with this one
     * (docs/benchmarks.md). Nothing in Tandem runs under it: the completion goes back to the
     * application's loader.
     */
    private static final ClassLoader BARE = new ClassLoader(null) { };

    private final Session session;

    WebSocketChannel(Session session) {
        this.session = session;
    }

    @Override
    public void send(String frame, Consumer<Throwable> done) {
        Thread thread = Thread.currentThread();
        ClassLoader application = thread.getContextClassLoader();
        SendHandler handler = result -> underLoader(application,
                () -> done.accept(result.isOK() ? null : result.getException()));
        thread.setContextClassLoader(BARE);
        try {
            session.getAsyncRemote().sendText(frame, handler);
        } catch (RuntimeException e) {
            underLoader(application, () -> done.accept(e));
        } finally {
            thread.setContextClassLoader(application);
        }
    }

    private static void underLoader(ClassLoader loader, Runnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(before);
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
