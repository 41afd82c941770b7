package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transports that report a close at once, on the thread that closes (Tyrus calls the endpoint's
 * close handler from within {@code Session.close}): the document is told that a participant
 * left while it is still telling everyone something.
 */
class ClosesReportedAtOnceTest {
    private static final DocumentId DOC = new DocumentId("closes");

    private final WireTranscriptTest.FailingStore store = new WireTranscriptTest.FailingStore();
    private DocumentRegistry registry;

    /** A connection whose channel reports its close to it at once; {@code stuck}: no send ever completes. */
    final class Person implements Channel {
        final List<String> frames = new ArrayList<>();
        final List<CloseCode> closes = new ArrayList<>();
        final boolean stuck;
        final Connection connection;

        Person(String clientId, boolean stuck) {
            this.stuck = stuck;
            this.connection = registry.connect(DOC, this, null, dev.tandem.access.Person.guest());
            connection.receive("{\"type\":\"join\",\"clientId\":\"" + clientId + "\",\"clientSecret\":\""
                    + clientId + "-secret-of-sixteen\"}");
        }

        @Override
        public synchronized void send(String frame, Consumer<Throwable> done) {
            if (!stuck) {
                frames.add(frame);
                done.accept(null);
            }
        }

        @Override
        public void close(CloseCode reason, String message) {
            synchronized (this) {
                closes.add(reason);
            }
            connection.closed();
        }

        synchronized long framesWith(String text) {
            return frames.stream().filter(frame -> frame.contains(text)).count();
        }
    }

    private void start(int outboxLimit) {
        registry = TestRegistries.start(store,
                TestLimits.defaults().maxDocumentCodePoints(1000).editsPerSecond(1000).outboxLimit(outboxLimit).noBatching().build());
    }

    @AfterEach
    void stop() {
        TestRegistries.stop(registry);
    }

    @Test
    void aWriteThatFailsClosesEveryoneInTheDocument() {
        start(1000);
        List<Person> people = List.of(new Person("ada", false), new Person("bob", false), new Person("cat", false));
        store.failNext = true;
        people.get(0).connection.receive("{\"type\":\"edit\",\"revision\":0,\"seq\":1,\"op\":[\"lost\"]}");
        for (Person person : people) {
            assertEquals(List.of(CloseCode.SERVER_ERROR), person.closes);
        }
        // and whoever comes back finds the document as stored, and works on
        Person ada = new Person("ada", false);
        ada.connection.receive("{\"type\":\"edit\",\"revision\":0,\"seq\":1,\"op\":[\"kept\"]}");
        assertEquals(1, ada.framesWith("\"type\":\"ack\""));
    }

    @Test
    void aReceiverCutOffInTheMiddleOfABroadcastDoesNotKeepItFromTheOthers() {
        start(2);
        Person ada = new Person("ada", false);
        Person stuck = new Person("stuck", true);
        Person bob = new Person("bob", false);
        ada.connection.receive("{\"type\":\"edit\",\"revision\":0,\"seq\":1,\"op\":[\"hello\"]}");
        for (int at = 0; at <= 5; at++) { // nothing waits for the store: each goes out as it is broadcast
            ada.connection.receive("{\"type\":\"selection\",\"revision\":1,\"ranges\":[{\"anchor\":" + at
                    + ",\"head\":" + at + "}]}");
        }
        assertEquals(List.of(CloseCode.TRY_AGAIN_LATER), stuck.closes);
        assertEquals(6, bob.framesWith("\"event\":\"selection\""), "bob heard every selection");
        assertEquals(1, bob.framesWith("\"event\":\"left\""));
        assertTrue(bob.closes.isEmpty() && ada.closes.isEmpty());
    }
}
