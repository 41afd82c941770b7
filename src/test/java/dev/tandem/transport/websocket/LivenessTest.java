package dev.tandem.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LivenessTest {
    private static final long SECOND = 1_000_000_000L;

    /** A session that records pings and closes. */
    static final class FakeSession {
        int pings;
        final List<CloseReason> closes = new ArrayList<>();
        final Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> closes.isEmpty();
                    case "close" -> closes.add((CloseReason) args[0]) ? null : null;
                    case "getAsyncRemote" -> Proxy.newProxyInstance(RemoteEndpoint.Async.class.getClassLoader(),
                            new Class<?>[] {RemoteEndpoint.Async.class}, (p, m, a) -> {
                                if (m.getName().equals("sendPing")) {
                                    pings++;
                                }
                                return null;
                            });
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    @Test
    void pingsTheQuietAndClosesTheSilent() {
        AtomicLong now = new AtomicLong();
        Liveness liveness = new Liveness();
        liveness.pingSeconds = 30;
        liveness.clock = now::get;
        FakeSession chatty = new FakeSession();
        FakeSession dead = new FakeSession();
        liveness.watch(chatty.session);
        liveness.watch(dead.session);

        now.set(20 * SECOND);
        liveness.heard(chatty.session);
        liveness.sweep();
        assertEquals(0, chatty.pings + dead.pings, "nobody is quiet yet");

        now.set(35 * SECOND);
        liveness.sweep();
        assertEquals(1, dead.pings);
        assertEquals(0, chatty.pings);

        now.set(55 * SECOND);
        liveness.heard(chatty.session); // its pong
        now.set(61 * SECOND);
        liveness.sweep();
        assertEquals(1, dead.closes.size());
        assertEquals(CloseReason.CloseCodes.GOING_AWAY, dead.closes.get(0).getCloseCode());
        assertTrue(chatty.closes.isEmpty());
        now.set(200 * SECOND);
        liveness.heard(chatty.session);
        liveness.sweep();
        assertEquals(1, dead.closes.size(), "a closed connection is no longer watched");
        assertEquals(1, dead.pings);
    }
}
