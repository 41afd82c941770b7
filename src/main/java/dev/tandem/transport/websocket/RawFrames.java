package dev.tandem.transport.websocket;

import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Whole frames, built once ({@link TextFrames}), handed straight to a Tyrus session's socket.
 *
 * <p>Through the standard API each recipient's copy of a broadcast is UTF-8 encoded and framed
 * anew, character by character, and its idle timer re-armed on the container's scheduler: a
 * profile of 50 people in one document found that encoding alone in 9% of the server's samples
 * (docs/benchmarks.md). Tyrus's socket takes a frame that is already built
 * ({@code TyrusWebSocket.sendRawFrame}, public, but reachable only through a field of the
 * session's remote endpoint); its future is a {@link CompletableFuture}, so completion is
 * reported without a thread waiting. The idle timer is then re-armed by what the client sends,
 * pongs to {@link Liveness}'s pings included, which is what it is for.
 *
 * <p>Used only where all of that is as expected, and where the session negotiated no extension
 * (an extension, compression say, rewrites frames on the way out); otherwise, or with
 * {@code tandem.websocket.raw-frames=false}, the standard API sends.
 */
final class RawFrames {
    private static final Logger LOG = Logger.getLogger(RawFrames.class.getName());
    private static final String TYRUS_REMOTE = "org.glassfish.tyrus.core.TyrusRemoteEndpoint";
    private static final String TYRUS_FUTURE = "org.glassfish.tyrus.core.TyrusFuture";

    /**
     * Per class of remote endpoint: (remote) -> socket and (socket, buffer) -> future, or empty if
     * not Tyrus's. Kept on the container's class, so held in JDK types only: a value of an
     * application class would keep the application alive after it is undeployed.
     */
    private static final ClassValue<Optional<MethodHandle[]>> ACCESS = new ClassValue<>() {
        @Override
        protected Optional<MethodHandle[]> computeValue(Class<?> remoteType) {
            return resolve(remoteType);
        }
    };

    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    private final Object socket;
    private final MethodHandle send;

    private RawFrames(Object socket, MethodHandle send) {
        this.socket = socket;
        this.send = send;
    }

    /** The session's socket, if frames can be handed to it whole; null if the standard API must send. */
    static RawFrames of(Session session) {
        if (!Enabled.VALUE || !session.getNegotiatedExtensions().isEmpty()) {
            return null;
        }
        Object remote;
        try {
            remote = session.getAsyncRemote();
        } catch (IllegalStateException closed) {
            return null; // the standard API reports that at the first send
        }
        Optional<MethodHandle[]> access = ACCESS.get(remote.getClass());
        if (access.isEmpty()) {
            return null;
        }
        try {
            Object socket = access.get()[0].invokeExact(remote);
            return socket == null ? null : new RawFrames(socket, access.get()[1]);
        } catch (Throwable e) {
            LOG.log(Level.FINE, "Tyrus's remote endpoint is not as expected", e);
            return null;
        }
    }

    /** Sends {@code frame} (not to be changed afterwards); {@code done} gets null once written, else the failure. */
    void send(byte[] frame, Consumer<Throwable> done) {
        Object sent;
        try {
            sent = send.invokeExact(socket, ByteBuffer.wrap(frame));
        } catch (Throwable e) {
            done.accept(e);
            return;
        }
        ((CompletableFuture<?>) sent).whenComplete((result, failure) -> done.accept(failure));
    }

    private static Optional<MethodHandle[]> resolve(Class<?> remoteType) {
        Class<?> type = remoteType;
        while (type != null && !type.getName().equals(TYRUS_REMOTE)) {
            type = type.getSuperclass();
        }
        if (type == null) {
            return Optional.empty();
        }
        try {
            Field field = type.getDeclaredField("webSocket");
            field.setAccessible(true);
            Method sendRaw = field.getType().getMethod("sendRawFrame", ByteBuffer.class);
            Class<?> future = Class.forName(TYRUS_FUTURE, false, type.getClassLoader());
            if (!CompletableFuture.class.isAssignableFrom(future)) {
                return Optional.empty();
            }
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle socket = lookup.unreflectGetter(field).asType(MethodType.methodType(Object.class, Object.class));
            MethodHandle send = lookup.unreflect(sendRaw)
                    .asType(MethodType.methodType(Object.class, Object.class, ByteBuffer.class));
            if (ANNOUNCED.compareAndSet(false, true)) { // computed by every thread that asked first
                LOG.info("WebSocket frames are built once and handed whole to Tyrus");
            }
            return Optional.of(new MethodHandle[] {socket, send});
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "WebSocket frames go through the standard API: Tyrus is not as expected", e);
            return Optional.empty();
        }
    }

    /** {@code tandem.websocket.raw-frames}, read once; true where there is no configuration (a bare container). */
    private static final class Enabled {
        static final boolean VALUE = read();

        private static boolean read() {
            try {
                return ConfigProvider.getConfig(RawFrames.class.getClassLoader())
                        .getOptionalValue("tandem.websocket.raw-frames", Boolean.class).orElse(true);
            } catch (IllegalStateException noConfiguration) {
                return true;
            }
        }
    }
}
