package dev.tandem.transport.websocket;

import jakarta.websocket.Session;
import java.lang.reflect.Method;

/**
 * The network address a WebSocket session comes from. The WebSocket API does not say; Tyrus (as on
 * Payara) does, through a method of its own session, found by reflection so that the WAR needs no
 * Tyrus class: on another implementation the address is unknown, and per-address limits do not
 * apply to its connections.
 */
final class RemoteAddress {
    private static volatile Method getter;

    private RemoteAddress() {
    }

    /** The session's remote address, or null if the implementation does not tell it. */
    static String of(Session session) {
        try {
            Method method = getter;
            if (method == null || method.getDeclaringClass() != session.getClass()) {
                method = session.getClass().getMethod("getRemoteAddr");
                getter = method;
            }
            Object address = method.invoke(session);
            return address instanceof String text && !text.isBlank() ? text : null;
        } catch (ReflectiveOperationException | RuntimeException notTyrus) {
            return null;
        }
    }
}
