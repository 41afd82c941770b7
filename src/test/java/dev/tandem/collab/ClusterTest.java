package dev.tandem.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.support.client.Await;
import dev.tandem.support.client.OtClient;
import dev.tandem.support.store.InMemoryDocumentStore;
import dev.tandem.store.LoggedEdit;
import dev.tandem.store.StoredDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several nodes of one cluster in one process, on one store: each node's participants reach the
 * document through whichever node orders it. People on every node type at once and converge with
 * every character once; the owner killed or stopped mid-typing loses no acknowledged edit; two
 * owners at once (views of the cluster that disagree) write no revision twice.
 */
class ClusterTest {
    private static final String DOC = "shared";
    /** A document whose reading from the store waits for {@link #slowRead} to open. */
    private static final String SLOW = "slow";
    private final CountDownLatch slowRead = new CountDownLatch(1);
    private final AtomicInteger slowReads = new AtomicInteger();
    private final InMemoryDocumentStore store = new InMemoryDocumentStore() {
        @Override
        public StoredDocument load(String documentId, int recentEdits) {
            if (documentId.equals(SLOW)) {
                slowReads.incrementAndGet();
                try {
                    slowRead.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.load(documentId, recentEdits);
        }
    };
    private final TestGrid grid = new TestGrid(3);
    private final Map<TestGrid.Node, LocalNetwork> networks = new ConcurrentHashMap<>();
    private final List<Typist> typists = new ArrayList<>();

    /** One person on one node, who reconnects (to the same node while it lives, else to another) when cut off. */
    final class Typist {
        final OtClient client;
        final char letter;
        final Random random;
        volatile TestGrid.Node node;
        volatile LocalNetwork.Link link;
        volatile int connections;
        private volatile boolean stopped;
        private final Thread watcher;

        Typist(String id, char letter, TestGrid.Node node) {
            this.letter = letter;
            this.random = new Random(letter);
            this.node = node;
            this.client = new OtClient(id, "Person " + id, message -> link.send(message));
            connect();
            watcher = new Thread(this::reconnectWhenCut);
            watcher.setDaemon(true);
            watcher.start();
            typists.add(this);
        }

        private synchronized void connect() {
            if (!networks.containsKey(node)) {
                node = networks.keySet().iterator().next(); // its node is gone: any other
            }
            link = networks.get(node).connect(DOC, client);
            connections++;
            client.join();
        }

        private void reconnectWhenCut() {
            while (!stopped) {
                if (!link.open.get()) {
                    try {
                        Thread.sleep(20);
                        connect();
                    } catch (RuntimeException | InterruptedException retry) {
                        // the node went while connecting
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void type() {
            synchronized (client) {
                int at = random.nextInt(client.length() + 1);
                client.edit(TextOperation.builder().retain(at).insert(String.valueOf(letter)).retain(client.length() - at).build());
            }
        }

        Thread typing(int count) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    type();
                    try {
                        Thread.sleep(1 + random.nextInt(4));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.start();
            return thread;
        }
    }

    private TestGrid.Node node(String name) {
        TestGrid.Node node = grid.add(name);
        DocumentRegistry registry = TestRegistries.start(store, TestLimits.defaults().editsPerSecond(1000).build(), node);
        networks.put(node, new LocalNetwork(registry, name.hashCode(), 300));
        return node;
    }

    private List<TestGrid.Node> threeNodes() {
        return List.of(node("a"), node("b"), node("c"));
    }

    /** Two typists on each node. */
    private void twoOnEach(List<TestGrid.Node> nodes) throws InterruptedException {
        char letter = 'a';
        for (TestGrid.Node node : nodes) {
            for (int i = 0; i < 2; i++) {
                Typist typist = new Typist("t-" + letter, letter, node);
                Await.until(() -> typist.client.revision() >= 0);
                letter++;
            }
        }
    }

    /** Two typists on each node typing {@code each} letters; returns once some of it is stored. */
    private List<Thread> typingOnEveryNode(List<TestGrid.Node> nodes, int each) throws InterruptedException {
        twoOnEach(nodes);
        List<Thread> threads = new ArrayList<>();
        typists.forEach(typist -> threads.add(typist.typing(each)));
        Await.until(() -> storedRevision() >= 40);
        return threads;
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    /** Everyone settled on one text, which is what the store has, with every letter typed {@code each} times. */
    private String convergedWith(int each) throws InterruptedException {
        Await.until(() -> typists.stream().allMatch(typist -> typist.client.settled())
                && typists.stream().map(typist -> typist.client.text()).distinct().count() == 1
                && typists.stream().allMatch(typist -> typist.client.revision() == storedRevision()),
                () -> "stored " + storedRevision() + "; " + typists.stream().map(typist -> typist.client.clientId() + " on "
                        + typist.node.name + " at " + typist.client.revision() + (typist.client.settled() ? "" : " unsettled")
                        + " link " + (typist.link.open.get() ? "open" : "closed") + " " + typist.client.errors()).toList());
        String text = typists.get(0).client.text();
        for (Typist typist : typists) {
            assertEquals(each, text.chars().filter(c -> c == typist.letter).count(), "every " + typist.letter + " once: " + text);
        }
        assertEquals(text, storedText(), "the store has what everyone sees");
        return text;
    }

    private long storedRevision() {
        return store.load(DOC, 0).latest().revision();
    }

    private String storedText() {
        return store.load(DOC, 0).latest().text().toString();
    }

    private TestGrid.Node ownerAmong(List<TestGrid.Node> nodes) {
        String owner = nodes.get(0).ownerOf(new DocumentId(DOC));
        return nodes.stream().filter(node -> node.name.equals(owner)).findFirst().orElseThrow();
    }

    @Test
    void peopleOnEveryNodeTypeAtOnceAndConverge() throws Exception {
        List<TestGrid.Node> nodes = threeNodes();
        twoOnEach(nodes);
        List<Thread> threads = new ArrayList<>();
        typists.forEach(typist -> threads.add(typist.typing(60)));
        joinAll(threads);
        convergedWith(60);
        assertTrue(typists.stream().allMatch(typist -> typist.connections == 1), "nobody was cut off");
        assertTrue(typists.stream().allMatch(typist -> typist.client.errors().isEmpty()));
        assertEquals(5, typists.get(0).client.peers().size(), "everyone sees everyone, on every node");
    }

    @Test
    void chatFromEveryNodeReachesEveryoneInOneOrder() throws Exception {
        List<TestGrid.Node> nodes = threeNodes();
        twoOnEach(nodes);
        for (Typist typist : typists) {
            typist.client.say("hello from " + typist.client.clientId());
        }
        Await.until(() -> typists.stream().allMatch(typist -> typist.client.chat().size() == typists.size()));
        List<ServerMessage.Chat> seen = typists.get(0).client.chat();
        assertTrue(typists.stream().allMatch(typist -> typist.client.chat().equals(seen)),
                "the same lines in the same order on every node");
        assertEquals(LongStream.rangeClosed(1, typists.size()).boxed().toList(),
                seen.stream().map(ServerMessage.Chat::id).toList());
    }

    @Test
    void theOwnerKilledMidTypingLosesNoAcknowledgedEdit() throws Exception {
        List<TestGrid.Node> nodes = threeNodes();
        List<Thread> threads = typingOnEveryNode(nodes, 80);
        TestGrid.Node owner = ownerAmong(nodes);
        for (Typist typist : typists) {
            if (typist.node == owner) {
                typist.link.open.set(false); // its connections are cut
            }
        }
        LocalNetwork dead = networks.remove(owner);
        grid.kill(owner);
        dead.close();
        joinAll(threads);
        convergedWith(80);
        assertEachEditStoredOnce();
        assertNotEquals(owner.name, ownerAmong(new ArrayList<>(networks.keySet())).name);
    }

    @Test
    void theOwnerStoppedMidTypingHandsOverAndNothingIsLost() throws Exception {
        List<TestGrid.Node> nodes = threeNodes();
        List<Thread> threads = typingOnEveryNode(nodes, 80);
        TestGrid.Node owner = ownerAmong(nodes);
        LocalNetwork stopping = networks.get(owner);
        stopping.registry.goAway("the server is stopping: reconnect");
        // as the server does (StopNotice), give the notices time to leave before the process ends
        Await.until(() -> typists.stream().filter(typist -> typist.node == owner).noneMatch(typist -> typist.link.open.get()));
        networks.remove(owner);
        grid.kill(owner);
        stopping.close();
        joinAll(threads);
        convergedWith(80);
        assertEachEditStoredOnce();
    }

    /**
     * Messages between nodes lost on the way (each way): the nodes see the gap, the participants
     * concerned reconnect and resume, nothing typed is lost, and nobody stays behind as a ghost.
     */
    @Test
    void messagesLostBetweenNodesCostAReconnectAndNothingElse() throws Exception {
        List<TestGrid.Node> nodes = threeNodes();
        List<Thread> threads = typingOnEveryNode(nodes, 80);
        TestGrid.Node owner = ownerAmong(nodes);
        TestGrid.Node other = nodes.stream().filter(node -> node != owner).findFirst().orElseThrow();
        owner.loseNext.set(true);
        Thread.sleep(100);
        other.loseNext.set(true);
        joinAll(threads);
        convergedWith(80);
        assertEachEditStoredOnce();
        assertTrue(typists.stream().anyMatch(typist -> typist.connections > 1), "someone reconnected");
        Await.until(() -> typists.stream().allMatch(typist -> typist.client.peers().size() == 5),
                () -> typists.stream().map(typist -> typist.client.peers().toString()).toList().toString());
    }

    /**
     * The last text of a burst lost on its way to the owner: no later text shows the gap, the
     * link's tail does; its participants reconnect and resend, and the letter arrives once.
     */
    @Test
    void aTextLostAtTheEndOfABurstIsNoticedAndCostsAReconnect() throws Exception {
        List<TestGrid.Node> nodes = threeNodes();
        twoOnEach(nodes);
        TestGrid.Node owner = ownerAmong(nodes);
        for (Typist typist : typists) {
            typist.type();
        }
        convergedWith(1);
        Typist away = typists.stream().filter(typist -> typist.node != owner).findFirst().orElseThrow();
        away.node.loseNext.set(true);
        away.type();
        Await.until(() -> away.connections > 1);
        Await.until(() -> typists.stream().allMatch(typist -> typist.client.settled()
                && typist.client.revision() == storedRevision()));
        assertEquals(2, storedText().chars().filter(c -> c == away.letter).count(), storedText());
        assertEachEditStoredOnce();
    }

    /**
     * A join that finds the document's owner changed before its node heard the news (they come by
     * different ways) moves that node's copy at once: its participants reconnect to the new owner.
     */
    @Test
    void aJoinThatFindsTheOwnerChangedMovesItsNodesCopyAtOnce() throws Exception {
        List<TestGrid.Node> nodes = threeNodes();
        twoOnEach(nodes);
        TestGrid.Node owner = ownerAmong(nodes);
        TestGrid.Node other = nodes.stream().filter(node -> node != owner).findFirst().orElseThrow();
        owner.leavingUnannounced();
        Typist late = new Typist("t-g", 'g', other);
        Await.until(() -> late.client.revision() >= 0);
        Await.until(() -> typists.stream().filter(typist -> typist.node == other && typist != late)
                .allMatch(typist -> typist.connections == 2), () -> "not moved");
        owner.leaving(); // the news arrives everywhere
        owner.changed();
        List<Thread> threads = new ArrayList<>();
        typists.forEach(typist -> threads.add(typist.typing(30)));
        joinAll(threads);
        convergedWith(30);
        assertEachEditStoredOnce();
    }

    @Test
    void twoOwnersAtOnceWriteNoRevisionTwice() throws Exception {
        List<TestGrid.Node> nodes = threeNodes();
        // a and b each believe they order the document, c follows a: for a moment, two owners
        nodes.get(0).view = id -> "a";
        nodes.get(1).view = id -> "b";
        nodes.get(2).view = id -> "a";
        twoOnEach(nodes);
        List<Thread> threads = new ArrayList<>();
        typists.forEach(typist -> threads.add(typist.typing(40)));
        Thread.sleep(300);
        // the views agree again, as after a partition heals
        nodes.forEach(node -> node.view = null);
        nodes.forEach(TestGrid.Node::changed);
        joinAll(threads);
        convergedWith(40);
        assertEachEditStoredOnce();
    }

    /**
     * A document slow to read from the store, opened by its owner for another node's participant,
     * holds up nobody else: the owner goes on with what that node sends for other documents.
     */
    @Test
    void aDocumentSlowToOpenForAnotherNodeHoldsUpNobodyElse() throws Exception {
        List<TestGrid.Node> nodes = threeNodes();
        nodes.forEach(node -> node.view = id -> "a");
        TestGrid.Node b = nodes.get(1);
        Typist typist = new Typist("t-a", 'a', b);
        Await.until(() -> typist.client.revision() >= 0);
        LocalNetwork.Link[] slowLink = new LocalNetwork.Link[1];
        OtClient waiting = new OtClient("w-1", "Waiting", message -> slowLink[0].send(message));
        slowLink[0] = networks.get(b).connect(SLOW, waiting);
        waiting.join();
        Await.until(() -> slowReads.get() == 1);
        joinAll(List.of(typist.typing(20)));
        convergedWith(20);
        assertEquals(-1, waiting.revision(), "still being opened");
        slowRead.countDown();
        Await.until(() -> waiting.revision() >= 0);
    }

    /** The log holds each (client, seq) once, at consecutive revisions. */
    private void assertEachEditStoredOnce() {
        List<LoggedEdit> log = store.edits(DOC, 0, storedRevision(), Integer.MAX_VALUE);
        Map<String, Long> perEdit = log.stream().collect(Collectors.groupingBy(edit -> edit.clientId() + "/" + edit.seq(),
                Collectors.counting()));
        assertTrue(perEdit.values().stream().allMatch(count -> count == 1), "no (client, seq) twice: " + perEdit);
        for (int i = 0; i < log.size(); i++) {
            assertEquals(i + 1, log.get(i).revision());
        }
    }

    @AfterEach
    void stop() {
        slowRead.countDown();
        networks.values().forEach(LocalNetwork::close);
    }
}
