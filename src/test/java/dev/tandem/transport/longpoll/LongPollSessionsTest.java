package dev.tandem.transport.longpoll;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tandem.access.Person;
import dev.tandem.collab.Connection;
import dev.tandem.collab.Grid;
import dev.tandem.collab.RecordingChannel;
import dev.tandem.collab.TestRegistries;
import dev.tandem.metrics.Meters;
import dev.tandem.protocol.DocumentId;
import dev.tandem.support.PlainThreads;
import dev.tandem.support.client.Await;
import dev.tandem.support.store.InMemoryDocumentStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LongPollSessionsTest {
    private static final DocumentId DOC_A = new DocumentId("doc-a");

    private final LongPollSessions sessions = new LongPollSessions();
    /** What someone else in document doc-a, on a connection of its own, hears. */
    private final RecordingChannel watcherChannel = new RecordingChannel();
    private final List<String> heard = watcherChannel.frames;

    LongPollSessionsTest() {
        sessions.registry = TestRegistries.start(new InMemoryDocumentStore(), TestRegistries.defaultLimits());
        sessions.threads = new PlainThreads("tandem-longpoll");
        sessions.holdSeconds = 25;
        sessions.expirySeconds = 1;
        sessions.maxSessions = 2;
        sessions.maxSessionsPerAddress = 2;
        sessions.meters = Meters.NONE;
        sessions.relay = new LongPollRelay();
        sessions.relay.grid = Grid.SINGLE;
        sessions.start();
    }

    @AfterEach
    void stop() {
        sessions.stop();
        TestRegistries.stop(sessions.registry);
    }

    @Test
    void turnsNewSessionsAwayAtItsBoundAndTakesThemAgainOnceQuietOnesExpire() throws Exception {
        Connection watcher = sessions.registry.connect(DOC_A, watcherChannel, null, Person.guest());
        watcher.receive("{\"type\":\"join\",\"clientId\":\"watcher\"}");

        LongPollSession first = sessions.open(DOC_A, "10.0.0.1", Person.guest());
        first.receive("{\"type\":\"join\",\"clientId\":\"a\"}");
        assertNotNull(sessions.open(new DocumentId("doc-b"), "10.0.0.2", Person.guest()));
        assertNull(sessions.open(new DocumentId("doc-c"), "10.0.0.3", Person.guest()), "a third session is one more than allowed");
        Await.until(() -> heard.stream().anyMatch(frame -> frame.contains("\"event\":\"joined\"")));

        // neither polls: both expire, their participants leave, and their places are free again
        Await.until(() -> heard.stream().anyMatch(frame -> frame.contains("\"event\":\"left\"")));
        Await.until(() -> sessions.open(new DocumentId("doc-c"), "10.0.0.3", Person.guest()) != null);
    }

    @Test
    void oneAddressCannotTakeAllTheSessions() {
        sessions.maxSessions = 100;
        assertNotNull(sessions.open(DOC_A, "10.0.0.9", Person.guest()));
        LongPollSession second = sessions.open(DOC_A, "10.0.0.9", Person.guest());
        assertNotNull(second);
        assertNull(sessions.open(DOC_A, "10.0.0.9", Person.guest()), "a third from one address is one more than allowed");
        assertNotNull(sessions.open(DOC_A, "10.0.0.10", Person.guest()), "another address is not held back");
        sessions.remove(second);
        assertNotNull(sessions.open(DOC_A, "10.0.0.9", Person.guest()), "a place is free again");
    }
}
