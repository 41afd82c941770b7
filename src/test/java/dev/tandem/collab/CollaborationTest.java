package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.Rope;
import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.Range;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.store.LoggedEdit;
import dev.tandem.store.Snapshot;
import dev.tandem.support.client.Await;
import dev.tandem.support.client.OtClient;
import dev.tandem.support.store.InMemoryDocumentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The collaboration service with real clients over a simulated network. */
class CollaborationTest {
    private static final String DOC = "doc-1";

    private LocalNetwork network;
    private DocumentRegistry registry;
    private InMemoryDocumentStore store;
    private final List<CloseCode> closedWith = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A client and its current connection; reconnecting swaps the connection. */
    final class TestClient {
        final OtClient client;
        volatile LocalNetwork.Link link;

        TestClient(String id) {
            client = new OtClient(id, "Person " + id, message -> link.send(message));
            reconnect();
        }

        /** Types {@code text} at the end of the document and waits for the ack. */
        void append(String text) throws InterruptedException {
            client.edit(TextOperation.builder().retain(client.length()).insert(text).build());
            Await.until(client::settled);
        }

        void reconnect() {
            link = network.connect(DOC, client);
            client.join();
        }
    }

    private TestClient join(String id) throws Exception {
        TestClient peer = new TestClient(id);
        Await.until(() -> peer.client.revision() >= 0);
        return peer;
    }

    private LocalNetwork network(Limits limits, int maxDelayMicros) {
        return network(new InMemoryDocumentStore(), limits, maxDelayMicros);
    }

    private LocalNetwork network(InMemoryDocumentStore documents, Limits limits, int maxDelayMicros) {
        store = documents;
        registry = TestRegistries.start(documents, limits);
        network = new LocalNetwork(registry, 7, maxDelayMicros);
        return network;
    }

    /** What the store has of the document: everything acknowledged. */
    private Snapshot stored() {
        return store.load(DOC, 0).latest();
    }

    @AfterEach
    void closeNetwork() {
        network.close();
    }

    @Test
    void concurrentTypistsConvergeAndKeepEveryCharacter() throws Exception {
        network(TestRegistries.defaultLimits(), 300);
        int clients = 8;
        int edits = 150;
        List<TestClient> peers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            peers.add(join("c" + i));
        }
        typeConcurrently(peers, edits, (peer, random) -> {
            // each client types its own letter (or an emoji) somewhere: insert only, to count them after
            int index = peers.indexOf(peer);
            String letter = index == 0 ? "😀" : String.valueOf((char) ('a' + index));
            int at = random.nextInt(peer.client.length() + 1);
            return TextOperation.builder().retain(at).insert(letter).retain(peer.client.length() - at).build();
        });
        String text = assertConverged(peers);
        Map<Integer, Long> counts = text.codePoints().boxed().collect(Collectors.groupingBy(c -> c, Collectors.counting()));
        assertEquals(edits, counts.get(0x1F600));
        for (int i = 1; i < clients; i++) {
            assertEquals(edits, counts.get('a' + i), "characters typed by client " + i);
        }
    }

    /** A join that claims a revision the document never had gets a fresh copy; nobody else notices. */
    @Test
    void everyoneInADocumentHasAColourOfTheirOwn() throws Exception {
        network(TestLimits.defaults().build(), 0);
        java.util.Set<String> colors = new java.util.HashSet<>();
        for (int i = 0; i < 12; i++) { // as many as the palette has
            TestClient peer = join("guest" + i);
            assertTrue(colors.add(peer.client.color()), "a colour already taken: " + peer.client.color());
        }
    }

    @Test
    void chatReachesEveryoneInOrderOnceStoredAndHostileChatChangesNothing() throws Exception {
        network(TestLimits.defaults().build(), 200);
        TestClient ada = join("ada");
        TestClient bob = join("bob");
        ada.client.say("hello Bob");
        bob.client.say("hi Ada 👋\nready?");
        ada.client.say("yes");
        Await.until(() -> ada.client.chat().size() == 3 && bob.client.chat().size() == 3);
        assertEquals(ada.client.chat(), bob.client.chat(), "the same lines in the same order for everyone");
        assertEquals(List.of(1L, 2L, 3L), ada.client.chat().stream().map(ServerMessage.Chat::id).toList(),
                "numbered in the order they are shown");
        ServerMessage.Chat line = bob.client.chat().stream().filter(said -> said.clientId().equals("bob")).findFirst()
                .orElseThrow();
        assertEquals("bob", line.clientId());
        assertEquals("hi Ada 👋\nready?", line.text());
        assertEquals("Person bob", line.name());

        ada.link.sendRaw("{\"type\":\"chat\",\"text\":\"" + "x".repeat(2001) + "\"}");
        ada.link.sendRaw("{\"type\":\"chat\",\"text\":\"bell\\u0007\"}");
        Await.until(() -> ada.client.errors().size() == 2);
        assertTrue(ada.client.errors().stream().allMatch(error -> error.code().equals("malformed-message")));
        TestClient cat = join("cat");
        cat.client.say("late");
        Await.until(() -> ada.client.chat().size() == 4);
        Await.until(() -> bob.client.chat().size() == 4);
        assertEquals("late", bob.client.chat().get(3).text(), "the refused lines reached nobody");
        assertTrue(bob.client.errors().isEmpty());
    }

    @Test
    void aJoinClaimingARevisionFromTheFutureDisturbsNobody() throws Exception {
        network(TestRegistries.defaultLimits(), 0);
        TestClient ada = join("ada");
        ada.append("hello");
        OtClient eve = new OtClient("eve", "Eve", message -> { });
        LocalNetwork.Link liar = network.connect(DOC, eve);
        liar.send(new ClientMessage.Join("eve", "Eve", null, 1_000_000L));
        liar.flush();
        ServerMessage.Welcome welcome = (ServerMessage.Welcome) liar.received.get(0);
        assertEquals(1, welcome.revision());
        assertEquals("hello", welcome.text());
        ada.append(" world");
        assertTrue(ada.link.open.get(), "the others stay connected");
        assertEquals("hello world", stored().text().toString());
    }

    @Test
    void concurrentInsertsAndDeletesConverge() throws Exception {
        network(TestRegistries.defaultLimits(), 300);
        List<TestClient> peers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            peers.add(join("m" + i));
        }
        typeConcurrently(peers, 200, (peer, random) -> {
            int length = peer.client.length();
            int at = random.nextInt(length + 1);
            if (length > 0 && random.nextInt(3) == 0) {
                int span = Math.min(1 + random.nextInt(3), length - Math.min(at, length - 1));
                at = Math.min(at, length - 1);
                return TextOperation.builder().retain(at).delete(span).retain(length - at - span).build();
            }
            return TextOperation.builder().retain(at).insert(random.nextBoolean() ? "x" : "é😀").retain(length - at).build();
        });
        assertConverged(peers);
    }

    @Test
    void anEditResentAfterADroppedConnectionIsAppliedOnce() throws Exception {
        network(TestRegistries.defaultLimits(), 0);
        TestClient ada = join("ada");
        ada.link.holdAcks = true;                   // the ack will be lost with the connection
        ada.client.edit(TextOperation.builder().insert("hello").build());
        Await.until(() -> stored().revision() == 1);
        ada.link.drop();

        ada.reconnect();                            // resumes from revision 0, resends seq 1
        Await.until(ada.client::settled);
        ada.link.flush();

        Snapshot server = stored();
        assertEquals("hello", server.text().toString());
        assertEquals(1, server.revision());
        assertEquals("hello", ada.client.text());
        assertTrue(ada.client.errors().isEmpty(), ada.client.errors().toString());
    }

    @Test
    void aResumingClientGetsExactlyTheEditsItMissed() throws Exception {
        network(TestRegistries.defaultLimits(), 0);
        TestClient ada = join("ada");
        TestClient bob = join("bob");
        ada.client.edit(TextOperation.builder().insert("one ").build());
        Await.until(() -> bob.client.revision() == 1);
        bob.link.drop();
        for (String word : List.of("two ", "three ", "four ")) {
            ada.append(word);
        }

        bob.reconnect();
        Await.until(() -> bob.client.revision() == 4);
        bob.link.flush();
        List<ServerMessage> received = List.copyOf(bob.link.received);
        ServerMessage.Welcome welcome = (ServerMessage.Welcome) received.get(0);
        assertTrue(welcome.resuming());
        assertEquals(1, welcome.revision());
        assertEquals(List.of(2L, 3L, 4L), received.stream()
                .filter(m -> m instanceof ServerMessage.Edited).map(m -> ((ServerMessage.Edited) m).revision()).toList());
        assertEquals("one two three four ", bob.client.text());
    }

    @Test
    void aClientTooFarBehindGetsAFreshCopy() throws Exception {
        network(TestLimits.defaults().maxDocumentCodePoints(1000).editsPerSecond(1000).historyWindow(2).noBatching().build(), 0);
        TestClient ada = join("ada");
        TestClient bob = join("bob");
        bob.link.drop();
        for (int i = 0; i < 5; i++) {
            ada.append("" + i);
        }
        bob.reconnect();
        Await.until(() -> bob.client.revision() == 5);
        ServerMessage.Welcome welcome = (ServerMessage.Welcome) bob.link.received.get(0);
        assertFalse(welcome.resuming());
        assertEquals("01234", welcome.text());
        assertEquals(null, welcome.lastSeq(), "bob never edited");
        assertEquals("01234", bob.client.text());

        // the fresh copy tells its author which of its edits it already holds
        ada.link.drop();
        ada.reconnect();
        Await.until(() -> !ada.link.received.isEmpty());
        assertEquals(5L, ((ServerMessage.Welcome) ada.link.received.get(0)).lastSeq());
    }

    @Test
    void aClientWithMoreToCatchUpThanItsOutboxHoldsGetsAFreshCopy() throws Exception {
        network(TestLimits.defaults().maxDocumentCodePoints(100_000).editsPerSecond(1000).outboxLimit(20).noBatching().build(), 0);
        TestClient ada = join("ada");
        TestClient bob = join("bob");
        bob.link.drop();
        for (int i = 0; i < 30; i++) {
            ada.append("x");
        }
        bob.reconnect();
        Await.until(() -> bob.client.revision() == 30);
        assertFalse(((ServerMessage.Welcome) bob.link.received.get(0)).resuming());
        assertEquals("x".repeat(30), bob.client.text());
        assertEquals(null, bob.link.closing);
    }

    @Test
    void badInputGetsAClearErrorAndChangesNothing() throws Exception {
        network(TestLimits.defaults().maxDocumentCodePoints(20).editsPerSecond(1000).noBatching().build(), 0);
        TestClient ada = join("ada");
        ada.client.edit(TextOperation.builder().insert("hello").build());
        Await.until(ada.client::settled);
        Snapshot before = stored();

        Map<String, String> expectations = new java.util.LinkedHashMap<>();
        expectations.put("not json", "malformed-message");
        expectations.put("{\"type\":\"shout\"}", "unknown-type");
        expectations.put("{\"type\":\"edit\",\"revision\":9,\"seq\":5,\"op\":[5,\"x\"]}", "revision-in-future");
        expectations.put("{\"type\":\"edit\",\"revision\":1,\"seq\":5,\"op\":[4,\"x\"]}", "bad-operation");
        expectations.put("{\"type\":\"edit\",\"revision\":1,\"seq\":5,\"op\":[9,\"x\"]}", "bad-operation");
        expectations.put("{\"type\":\"edit\",\"revision\":1,\"seq\":5,\"op\":[5,0]}", "bad-operation");
        expectations.put("{\"type\":\"edit\",\"revision\":1,\"seq\":5,\"op\":[5,\"\\ud83d\"]}", "bad-operation");
        expectations.put("{\"type\":\"edit\",\"revision\":1,\"seq\":5,\"op\":[5,\"" + "x".repeat(20) + "\"]}",
                "document-too-large");
        expectations.put("{\"type\":\"selection\",\"revision\":1,\"ranges\":[{\"anchor\":0,\"head\":99}]}", "malformed-message");
        expectations.put("{\"type\":\"join\",\"clientId\":\"ada\"}", "already-joined");

        for (Map.Entry<String, String> bad : expectations.entrySet()) {
            int errorsBefore = ada.client.errors().size();
            ada.link.sendRaw(bad.getKey());
            ada.link.flush();
            List<ServerMessage.Error> errors = ada.client.errors();
            assertEquals(errorsBefore + 1, errors.size(), "one error for " + bad.getKey());
            ServerMessage.Error error = errors.get(errors.size() - 1);
            assertEquals(bad.getValue(), error.code(), bad.getKey() + " -> " + error.message());
            assertFalse(error.message().isBlank());
            assertEquals(before, stored(), "unchanged after " + bad.getKey());
        }
        // a stranger that has not joined gets told so, and the document is untouched
        LocalNetwork.Link stranger = network.connect(DOC, new OtClient("eve", "Eve", m -> { }));
        stranger.sendRaw("{\"type\":\"edit\",\"revision\":1,\"seq\":1,\"op\":[5,\"x\"]}");
        stranger.flush();
        assertEquals("not-joined", ((ServerMessage.Error) stranger.received.get(0)).code());
        assertEquals(before, stored());
        assertEquals("hello", ada.client.text());
    }

    @Test
    void messagesAfterTheEndOfAConnectionInTheSameRequestAreIgnored() throws Exception {
        network(TestLimits.defaults().maxMessageBytes(300).maxDocumentCodePoints(1000).editsPerSecond(1000).noBatching().build(), 0);
        TestClient ada = join("ada");
        RecordingChannel recording = new RecordingChannel();
        // a request whose first message is refused as fatal, then a join: a participant with
        // nowhere to send, that nobody would ever remove, if the join were taken
        registry.connect(new DocumentId(DOC), recording, null, dev.tandem.access.Person.guest()).receiveAll("[{\"type\":\"join\",\"clientId\":\"g1\",\"name\":\""
                + "x".repeat(300) + "\"},{\"type\":\"join\",\"clientId\":\"ghost\"}]");
        // a leave, then a join again on the connection it closed
        registry.connect(new DocumentId(DOC), recording, null, dev.tandem.access.Person.guest()).receiveAll(
                "[{\"type\":\"join\",\"clientId\":\"bob\"},{\"type\":\"leave\"},{\"type\":\"join\",\"clientId\":\"ghost2\"}]");
        assertEquals(List.of(CloseCode.TOO_BIG, CloseCode.NORMAL), recording.closes);
        TestClient cat = join("cat");
        assertEquals(List.of("ada"), cat.client.peers(), "no ghost among those present");
        Await.until(() -> ada.client.peers().contains("cat"));
        assertEquals(List.of("cat"), ada.client.peers());
        assertTrue(recording.frames.stream().noneMatch(frame -> frame.contains("ghost")), recording.frames.toString());
    }

    /** A store that cannot read documents while {@code down}. */
    static final class UnreadableStore extends InMemoryDocumentStore {
        volatile boolean down;

        @Override
        public dev.tandem.store.StoredDocument load(String documentId, int recentEdits) {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            return super.load(documentId, recentEdits);
        }
    }

    @Test
    void aDocumentTheStoreCannotOpenTurnsPeopleAwayUntilItCan() throws Exception {
        UnreadableStore unreadable = new UnreadableStore();
        network(unreadable, TestRegistries.defaultLimits(), 0);
        unreadable.down = true;
        OtClient ada = new OtClient("ada", "Ada", message -> { });
        LocalNetwork.Link refused = network.connect(DOC, ada);
        refused.send(ada.joinMessage());
        Await.until(() -> refused.closing != null);
        refused.flush();
        ServerMessage.Error error = (ServerMessage.Error) refused.received.get(0);
        assertEquals("unavailable", error.code());
        assertTrue(error.fatal());
        assertEquals(CloseCode.TRY_AGAIN_LATER, refused.closing);

        unreadable.down = false;
        TestClient back = join("ada");
        back.append("here");
        assertEquals("here", stored().text().toString());
    }

    @Test
    void aReceiverThatStopsReadingIsCutOffWithoutSlowingOthers() throws Exception {
        network(TestLimits.defaults().maxDocumentCodePoints(100_000).editsPerSecond(1000).outboxLimit(10).noBatching().build(), 0);
        TestClient ada = join("ada");
        TestClient bob = join("bob");
        Connection stuck = registry.connect(new DocumentId(DOC), new Channel() {
            @Override
            public void send(String frame, java.util.function.Consumer<Throwable> done) {
                // never completes: a receiver whose socket buffer is full
            }

            @Override
            public void close(CloseCode reason, String message) {
                closedWith.add(reason);
            }
        }, null, dev.tandem.access.Person.guest());
        stuck.receive("{\"type\":\"join\",\"clientId\":\"stuck\",\"name\":\"Stuck\"}");
        for (int i = 0; i < 30; i++) {
            ada.append("x");
        }
        Await.until(() -> bob.client.revision() == 30);
        assertEquals(List.of(CloseCode.TRY_AGAIN_LATER), closedWith);
        assertEquals("x".repeat(30), bob.client.text());
    }

    @Test
    void framesAreWrittenOnceTheDocumentsLockIsReleased() throws Exception {
        // written under the lock, one participant's socket write would hold up everyone's edits
        network(TestLimits.defaults().noBatching().build(), 0);
        List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> underLock = java.util.Collections.synchronizedList(new ArrayList<>());
        Connection watcher = registry.connect(new DocumentId(DOC), new Channel() {
            @Override
            public void send(String frame, java.util.function.Consumer<Throwable> done) {
                long thread = Thread.currentThread().getId();
                java.lang.management.ThreadInfo info = java.lang.management.ManagementFactory.getThreadMXBean()
                        .getThreadInfo(new long[] {thread}, true, false)[0];
                if (java.util.Arrays.stream(info.getLockedMonitors())
                        .anyMatch(monitor -> monitor.getClassName().equals(LocalDocument.class.getName()))) {
                    underLock.add(frame);
                }
                written.add(frame);
                done.accept(null);
            }

            @Override
            public void close(CloseCode reason, String message) {
            }
        }, null, dev.tandem.access.Person.guest());
        watcher.receive("{\"type\":\"join\",\"clientId\":\"watcher\",\"name\":\"Watcher\"}");
        TestClient ada = join("ada");
        ada.append("hello");
        ada.link.send(new ClientMessage.Selection(1, List.of(new Range(0, 5))));
        ada.link.send(new ClientMessage.Chat("hi"));
        ada.append(" world");
        Await.until(() -> written.stream().anyMatch(frame -> frame.contains("\"chat\""))
                && written.stream().anyMatch(frame -> frame.contains(" world")));
        assertTrue(written.size() >= 5, "welcome, ada's arrival, her edits, selection and chat: " + written);
        assertEquals(List.of(), underLock);
    }

    @Test
    void presenceFollowsJoinsSelectionsAndLeaves() throws Exception {
        network(TestRegistries.defaultLimits(), 0);
        TestClient ada = join("ada");
        ada.client.edit(TextOperation.builder().insert("hello world").build());
        Await.until(ada.client::settled);
        TestClient bob = join("bob");
        Await.until(() -> ada.client.peers().contains("bob"));
        assertEquals(List.of("ada"), bob.client.peers());

        ada.link.send(new ClientMessage.Selection(1, List.of(new Range(6, 11))));   // "world"
        Await.until(() -> bob.link.received.stream().anyMatch(m -> m instanceof ServerMessage.Presence p
                && p.event().equals("selection") && p.participant().selection().equals(List.of(new Range(6, 11)))));

        bob.client.edit(TextOperation.builder().insert(">> ").retain(11).build());  // shifts "world" by 3
        Await.until(() -> ada.client.revision() == 2);
        TestClient cat = join("cat");
        ServerMessage.Welcome welcome = (ServerMessage.Welcome) cat.link.received.get(0);
        assertEquals(List.of(new Range(9, 14)), welcome.participants().stream()
                .filter(p -> p.clientId().equals("ada")).findFirst().orElseThrow().selection());

        bob.link.send(new ClientMessage.Leave());
        Await.until(() -> !ada.client.peers().contains("bob") && !cat.client.peers().contains("bob"));
        assertEquals(List.of("cat"), ada.client.peers());
        assertEquals(List.of("ada"), cat.client.peers());
    }

    /** A store that counts how often a document is opened from it. */
    static final class CountingStore extends InMemoryDocumentStore {
        final java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public dev.tandem.store.StoredDocument load(String documentId, int recentEdits) {
            loads.incrementAndGet();
            return super.load(documentId, recentEdits);
        }
    }

    @Test
    void aDocumentNobodyHasOpenLeavesMemoryAfterTheIdleDelayAndComesBackFromTheStore() throws Exception {
        Duration idle = Duration.ofSeconds(1); // the registry looks for idle documents every second at most
        CountingStore counting = new CountingStore();
        network(counting, TestLimits.defaults().maxDocumentCodePoints(1000).editsPerSecond(1000).idleRelease(idle).noBatching().build(), 0);
        TestClient ada = join("ada");
        ada.append("kept");
        ada.link.send(new ClientMessage.Leave());
        Await.until(() -> ada.link.closing != null);
        TestClient bob = join("bob"); // well within the idle delay: the document is still open
        assertEquals("kept", bob.client.text());
        assertEquals(1, counting.loads.get(), "opened once");

        bob.link.send(new ClientMessage.Leave()); // nobody else comes or goes from now on
        Await.until(() -> bob.link.closing != null);
        Thread.sleep(idle.multipliedBy(4).toMillis()); // the idle delay, the timer's round, and room for a slow machine
        TestClient cat = join("cat");
        assertEquals(2, counting.loads.get(), "released, and opened again from the store");
        assertEquals("kept", cat.client.text());
        assertEquals(1, cat.client.revision());
    }

    @Test
    void aFullDocumentTurnsNewcomersAwayWithoutDisturbingThoseInIt() throws Exception {
        network(TestLimits.defaults().maxDocumentCodePoints(1000).editsPerSecond(1000).noBatching().maxParticipants(2).build(), 0);
        TestClient ada = join("ada");
        TestClient bob = join("bob");
        ada.append("two ");

        OtClient cat = new OtClient("cat", "Cat", message -> { });
        LocalNetwork.Link refused = network.connect(DOC, cat);
        refused.send(cat.joinMessage());
        refused.flush();
        ServerMessage.Error error = (ServerMessage.Error) refused.received.get(0);
        assertEquals("document-full", error.code());
        assertTrue(error.fatal());
        assertTrue(error.message().contains("try again later"), error.message());
        assertEquals(CloseCode.TRY_AGAIN_LATER, refused.closing);
        assertEquals(1, refused.received.size(), "no welcome, nothing of the document");
        assertEquals(List.of("bob"), ada.client.peers(), "nobody saw the newcomer");

        bob.reconnect(); // someone already in may come back on a new connection
        Await.until(() -> bob.link.received.stream().anyMatch(m -> m instanceof ServerMessage.Welcome));
        bob.append("people");
        Await.until(() -> ada.client.text().equals("two people"));

        bob.link.send(new ClientMessage.Leave());
        Await.until(() -> ada.client.peers().isEmpty());
        TestClient dan = join("dan"); // a place is free again
        assertEquals("two people", dan.client.text());
    }

    @Test
    void aResumingClientGetsSelectionsAfterTheEditsItMissed() throws Exception {
        network(TestRegistries.defaultLimits(), 0);
        TestClient ada = join("ada");
        TestClient bob = join("bob");
        ada.append("hello");
        Await.until(() -> bob.client.revision() == 1);
        bob.link.drop();
        ada.append(" world");
        ada.link.send(new ClientMessage.Selection(2, List.of(new Range(6, 11))));   // "world", unknown to bob
        Await.until(() -> stored().revision() == 2);
        Thread.sleep(50); // the selection is handled after the edit it follows
        bob.reconnect();
        Await.until(() -> bob.client.revision() == 2);
        bob.link.flush();
        Await.until(() -> bob.link.received.stream().anyMatch(m -> m instanceof ServerMessage.Presence));
        List<ServerMessage> received = List.copyOf(bob.link.received);
        ServerMessage.Welcome welcome = (ServerMessage.Welcome) received.get(0);
        assertEquals(List.of(), welcome.participants().get(0).selection(), "no position in text bob lacks");
        assertTrue(received.get(1) instanceof ServerMessage.Edited);
        ServerMessage.Presence presence = (ServerMessage.Presence) received.get(2);
        assertEquals(List.of(new Range(6, 11)), presence.participant().selection());
    }

    /** A store whose writes complete when the test says, or fail. */
    static final class GatedStore extends InMemoryDocumentStore {
        final java.util.concurrent.Semaphore gate = new java.util.concurrent.Semaphore(0);
        volatile boolean failing;

        @Override
        public java.util.concurrent.CompletionStage<Void> append(String documentId,
                List<dev.tandem.store.LoggedEdit> edits, dev.tandem.ot.Rope textAfter) {
            return java.util.concurrent.CompletableFuture.runAsync(() -> {
                gate.acquireUninterruptibly();
                if (failing) {
                    throw new IllegalStateException("the disk is full");
                }
            }).thenCompose(done -> super.append(documentId, edits, textAfter));
        }
    }

    @Test
    void nothingIsAcknowledgedOrShownToOthersBeforeTheStoreHasIt() throws Exception {
        GatedStore store = new GatedStore();
        network(store, TestRegistries.defaultLimits(), 0);
        TestClient ada = join("ada");
        TestClient bob = join("bob");
        ada.client.edit(TextOperation.builder().insert("one").build());
        ada.client.edit(TextOperation.builder().retain(3).insert(" two").build()); // buffered behind the first
        Thread.sleep(100);
        assertEquals(0, bob.client.revision(), "bob sees nothing unstored");
        assertFalse(ada.client.settled(), "ada has no ack yet");
        store.gate.release(2);
        Await.until(() -> ada.client.settled() && bob.client.revision() == 2);
        assertEquals("one two", bob.client.text());
        assertEquals(2, store.load(DOC, 10).latest().revision());

        // a write that fails: everyone is disconnected (1011), nothing unstored was acknowledged,
        // and the resent edit is applied once the store works again
        store.failing = true;
        ada.client.edit(TextOperation.builder().retain(7).insert(" three").build());
        store.gate.release();
        Await.until(() -> ada.link.closing == CloseCode.SERVER_ERROR && bob.link.closing == CloseCode.SERVER_ERROR);
        assertFalse(ada.client.settled());
        store.failing = false;
        store.gate.release(10);
        ada.reconnect();
        bob.reconnect();
        Await.until(() -> ada.client.settled() && bob.client.revision() == 3);
        assertEquals("one two three", bob.client.text());
        assertEquals("one two three", store.load(DOC, 10).latest().text().toString());
    }

    interface EditMaker {
        TextOperation next(TestClient peer, Random random);
    }

    private void typeConcurrently(List<TestClient> peers, int edits, EditMaker maker) throws Exception {
        ExecutorService typists = Executors.newFixedThreadPool(peers.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (TestClient peer : peers) {
                Random random = new Random(peer.client.clientId().hashCode());
                done.add(typists.submit(() -> {
                    for (int i = 0; i < edits; i++) {
                        synchronized (peer.client) {
                            peer.client.edit(maker.next(peer, random));
                        }
                        if (random.nextInt(4) == 0) {
                            TimeUnit.MICROSECONDS.sleep(random.nextInt(2000));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> typist : done) {
                typist.get(60, TimeUnit.SECONDS);
            }
        } finally {
            typists.shutdownNow();
        }
        for (TestClient peer : peers) {
            Await.until(peer.client::settled);
        }
    }

    private String assertConverged(List<TestClient> peers) throws Exception {
        // batched frames may still be on their way: wait until everyone has the last revision
        long last = stored().revision();
        for (TestClient peer : peers) {
            Await.until(() -> peer.client.revision() == last);
            peer.link.flush();
        }
        Rope server = stored().text();
        for (TestClient peer : peers) {
            assertEquals(server.toString(), peer.client.text(), peer.client.clientId() + " has the server's text");
            assertEquals(stored().revision(), peer.client.revision());
            assertTrue(peer.client.errors().isEmpty(), peer.client.errors().toString());
        }
        return server.toString();
    }
}
