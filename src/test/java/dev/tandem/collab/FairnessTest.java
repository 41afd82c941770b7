package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.support.client.Await;
import dev.tandem.support.store.InMemoryDocumentStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What one person, and one address, may do, however many connections they open. */
class FairnessTest {
    private static final DocumentId DOC = new DocumentId("fair");
    private DocumentRegistry registry;

    private void start(TestLimits limits) {
        registry = TestRegistries.start(new InMemoryDocumentStore(), limits.noBatching().build());
    }

    @AfterEach
    void stop() {
        TestRegistries.stop(registry);
    }

    /** A connection, joined as {@code clientId}, from {@code address}. */
    private Person join(String clientId, String address) throws InterruptedException {
        RecordingChannel channel = new RecordingChannel();
        Person person = new Person(registry.connect(DOC, channel, address, dev.tandem.access.Person.guest()), channel);
        person.connection.receive("{\"type\":\"join\",\"clientId\":\"" + clientId + "\",\"clientSecret\":\""
                + clientId + "-secret-of-sixteen\"}");
        Await.until(() -> person.count("\"type\":\"welcome\"") == 1 || !person.channel().closes.isEmpty());
        return person;
    }

    private record Person(Connection connection, RecordingChannel recording) {
        RecordingChannel channel() {
            return recording;
        }

        long count(String text) {
            return recording.frames.stream().filter(frame -> frame.contains(text)).count();
        }
    }

    @Test
    void reconnectingDoesNotGiveAPersonNewEdits() throws Exception {
        start(TestLimits.defaults().editsPerSecond(5).maxEditWait(Duration.ZERO));
        Person first = join("ada", "10.0.0.1");
        type(first, 0, 10); // the burst: twice the rate
        first.connection().closed();
        Person again = join("ada", "10.0.0.1");
        again.connection().receive("{\"type\":\"edit\",\"revision\":10,\"seq\":11,\"op\":[10,\"x\"]}");
        Await.until(() -> !again.channel().closes.isEmpty());
        assertEquals(List.of(CloseCode.POLICY), again.channel().closes);
        assertEquals(1, again.count("\"code\":\"rate-limited\""));
    }

    @Test
    void aPersonTypingFasterThanTheRateIsSlowedNotCutOff() throws Exception {
        start(TestLimits.defaults().editsPerSecond(20).maxEditWait(Duration.ofSeconds(2)));
        Person ada = join("ada", "10.0.0.1");
        long start = System.nanoTime();
        type(ada, 0, 60); // 40 in the burst, then 20 a second
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(ada.channel().closes.isEmpty(), "not cut off");
        assertEquals(60, ada.count("\"type\":\"ack\""));
        assertTrue(seconds >= 0.9, "slowed to the rate: " + seconds + " s");
    }

    @Test
    void anAddressSharesItsEditsAmongItsClients() throws Exception {
        start(TestLimits.defaults().editsPerSecond(100).editsPerSecondPerAddress(5).maxEditWait(Duration.ZERO));
        Person ada = join("ada", "10.0.0.1");
        Person bob = join("bob", "10.0.0.1");
        type(ada, 0, 10); // the address's burst
        bob.connection().receive("{\"type\":\"edit\",\"revision\":10,\"seq\":1,\"op\":[10,\"y\"]}");
        Await.until(() -> !bob.channel().closes.isEmpty());
        assertEquals(1, bob.count("\"code\":\"rate-limited\""));
        Person cat = join("cat", "10.0.0.2");
        type(cat, 10, 1);
        assertTrue(cat.channel().closes.isEmpty(), "another address is not held back");
    }

    @Test
    void selectionsBeyondTheRateWaitAndOnlyTheLatestIsShown() throws Exception {
        start(TestLimits.defaults().selectionsPerSecond(2));
        Person ada = join("ada", "10.0.0.1");
        Person bob = join("bob", "10.0.0.2");
        ada.connection().receive("{\"type\":\"edit\",\"revision\":0,\"seq\":1,\"op\":[\"" + "x".repeat(100) + "\"]}");
        for (int at = 0; at <= 100; at++) {
            ada.connection().receive("{\"type\":\"selection\",\"revision\":1,\"ranges\":[{\"anchor\":" + at + ",\"head\":" + at + "}]}");
        }
        Await.until(() -> bob.count("{\"anchor\":100,\"head\":100}") == 1);
        long shown = bob.count("\"event\":\"selection\"");
        assertTrue(shown <= 4, "a few, not a hundred: " + shown);
    }

    @Test
    void anAddressSharesItsSelectionsAmongItsClients() throws Exception {
        start(TestLimits.defaults().selectionsPerSecond(100).selectionsPerSecondPerAddress(2));
        Person ada = join("ada", "10.0.0.1");
        Person bob = join("bob", "10.0.0.1");
        Person cat = join("cat", "10.0.0.2");
        ada.connection().receive("{\"type\":\"edit\",\"revision\":0,\"seq\":1,\"op\":[\"" + "x".repeat(100) + "\"]}");
        for (int at = 0; at <= 50; at++) { // two people at one address, each well under their own rate
            Person who = at % 2 == 0 ? ada : bob;
            who.connection().receive("{\"type\":\"selection\",\"revision\":1,\"ranges\":[{\"anchor\":" + at + ",\"head\":" + at + "}]}");
        }
        Await.until(() -> cat.count("{\"anchor\":50,\"head\":50}") == 1 && cat.count("{\"anchor\":49,\"head\":49}") == 1);
        long shown = cat.count("\"event\":\"selection\"");
        assertTrue(shown <= 6, "a few, not fifty: " + shown);
    }

    @Test
    void joinsAreCountedPerPersonAndPerAddress() throws Exception {
        start(TestLimits.defaults().joinsPerMinute(6).joinsPerMinutePerAddress(1000));
        Person refused = null;
        for (int attempt = 0; attempt < 5 && refused == null; attempt++) {
            Person ada = join("ada", "10.0.0.1");
            if (!ada.channel().closes.isEmpty()) {
                refused = ada;
            }
            ada.connection().closed();
        }
        assertTrue(refused != null, "a person joining again and again is turned away");
        assertEquals(1, refused.count("\"code\":\"rate-limited\""));
        assertEquals(List.of(CloseCode.POLICY), refused.channel().closes);
        assertTrue(join("bob", "10.0.0.1").channel().closes.isEmpty(), "someone else may join");
    }

    /** Sends {@code count} one-character edits at the end, each after the ack of the one before, as an editor does. */
    private static void type(Person person, int length, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            int revision = length + i;
            long acks = person.count("\"type\":\"ack\"");
            person.connection().receive("{\"type\":\"edit\",\"revision\":" + revision + ",\"seq\":" + (revision + 1)
                    + ",\"op\":[" + (revision == 0 ? "" : revision + ",") + "\"x\"]}");
            Await.until(() -> person.count("\"type\":\"ack\"") > acks || !person.channel().closes.isEmpty());
        }
    }
}
