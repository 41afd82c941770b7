package dev.tandem.transport.longpoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tandem.client.Await;
import dev.tandem.collab.DocumentRegistry;
import dev.tandem.collab.Limits;
import dev.tandem.store.InMemoryDocumentStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LongPollSessionsTest {
    private final LongPollSessions sessions = new LongPollSessions();

    LongPollSessionsTest() {
        sessions.registry = new DocumentRegistry(new InMemoryDocumentStore(), Limits.defaults());
        sessions.holdSeconds = 25;
        sessions.expirySeconds = 1;
        sessions.maxSessions = 2;
        sessions.start();
    }

    @AfterEach
    void stop() {
        sessions.stop();
    }

    @Test
    void turnsNewSessionsAwayAtItsBoundAndTakesThemAgainOnceQuietOnesExpire() throws Exception {
        LongPollSession first = sessions.open("doc-a");
        first.receive(List.of("{\"type\":\"join\",\"clientId\":\"a\"}"));
        assertNotNull(sessions.open("doc-b"));
        assertNull(sessions.open("doc-c"), "a third session is one more than allowed");
        assertEquals(1, sessions.registry.participants("doc-a"));

        // neither polls: both expire, their participants leave, and their places are free again
        Await.until(() -> sessions.registry.participants("doc-a") == 0);
        Await.until(() -> sessions.open("doc-c") != null);
    }
}
