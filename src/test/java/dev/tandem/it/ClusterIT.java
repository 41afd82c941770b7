package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.cluster.Owners;
import dev.tandem.ot.TextOperation;
import dev.tandem.support.browser.Browsers;
import dev.tandem.support.browser.EditorPage;
import dev.tandem.support.client.Await;
import dev.tandem.support.client.LongPollLink;
import dev.tandem.support.client.OtClient;
import dev.tandem.support.client.WebSession;
import dev.tandem.support.client.WebSocketLink;
import dev.tandem.support.server.FreePorts;
import dev.tandem.support.server.NginxProxy;
import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.PostgresServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three Payara Micro nodes of one cluster (the same WAR, the data grid on loopback) on one real
 * PostgreSQL, behind a real nginx that takes turns between them with no stickiness, as
 * docs/operations.md runs them. People on every node type into one document and converge with
 * every character once; the node that orders the document killed (kill -9) or stopped mid-typing
 * loses no acknowledged edit, and typing resumes within seconds. The typists are guests with a
 * share link; a person signed in on one node is known on every node until they sign out anywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {
    private static final Pattern SELF = Pattern.compile("\"Hazelcast Member UUID\": \"([0-9a-f-]{36})\"");
    /** What Payara logs when its data grid has all three nodes. */
    private static final String ALL_THREE = "DG Size: 3";
    /** What Payara logs when a node's data grid is up. */
    private static final String GRID_FORMED = "Payara Data Grid State";
    private static final String SETUP_TOKEN = "setup-token-for-the-cluster-0123456789";

    private PostgresServer postgres;
    private final List<Node> nodes = new ArrayList<>();
    private NginxProxy proxy;
    private final ClientManager websockets = ClientManager.createClient();
    private org.eclipse.jetty.client.HttpClient longPolls;
    private final List<Typist> typists = new CopyOnWriteArrayList<>();
    /** The first account's owner, signed in through the proxy: she makes the documents. */
    private WebSession ada;

    /** A node, and its id in the cluster once it has started. */
    static final class Node {
        final PayaraMicroProcess server;
        String id;

        Node(PayaraMicroProcess server) {
            this.server = server;
        }

        boolean alive;
    }

    @BeforeAll
    void boot() throws Exception {
        Path dir = Path.of("target", "payara-cluster", Long.toString(System.currentTimeMillis())).toAbsolutePath();
        postgres = new PostgresServer(dir.resolve("postgres"));
        postgres.start();
        List<Integer> gridPorts = List.of(freePort(), freePort(), freePort());
        String clusterName = "tandem-it-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            PayaraMicroProcess server = new PayaraMicroProcess(dir.resolve("node-" + i), List.of(
                    "tandem.setup-token=" + SETUP_TOKEN, "tandem.cluster.nodes=3", "hazelcast.heartbeat.interval.seconds=1",
                    "hazelcast.max.no.heartbeat.seconds=5"))
                    .inCluster(clusterName, gridPorts.get(i), gridPorts)
                    .with(List.of("--addlibs", System.getProperty("tandem.postgresql.jar"),
                            "--postbootcommandfile", "src/main/payara/postgresql.asadmin"),
                            postgres.tandemEnvironment());
            nodes.add(new Node(server));
        }
        // The first forms the grid alone; the others join it once it is there. Nodes that start
        // their grids at the same moment can form two clusters, which Hazelcast merges only minutes later.
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> start(nodes.get(0)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!logHas(nodes.get(0), GRID_FORMED) && !first.isDone()) {
            assertTrue(System.nanoTime() < deadline, "the first node's data grid did not form");
            Thread.sleep(100);
        }
        List<CompletableFuture<Void>> starting = new ArrayList<>(List.of(first));
        for (Node node : nodes.subList(1, nodes.size())) {
            starting.add(CompletableFuture.runAsync(() -> start(node)));
        }
        starting.forEach(CompletableFuture::join);
        Await.until(() -> nodes.stream().allMatch(node -> logHas(node, ALL_THREE)));
        proxy = new NginxProxy(dir.resolve("nginx"), nodes.stream().map(node -> node.server.base()).toList());
        proxy.start();
        proxy.passWebSockets();
        longPolls = LongPollLink.newHttpClient();
        ada = new WebSession(proxy.base());
        assertTrue(ada.postForm("setup", Map.of("token", SETUP_TOKEN, "username", "ada", "name", "Ada",
                "password", "correct horse battery")).endsWith("/signin?made"));
        assertTrue(ada.signIn("ada", "correct horse battery").endsWith("/"), "signed in");
    }

    /** A new document of Ada's, and a link that lets guests edit it. */
    private record Shared(String id, String link) {
    }

    private Shared newDocument() throws Exception {
        HttpResponse<String> made = ada.call("POST", "api/docs", "{}");
        assertEquals(201, made.statusCode(), made.body());
        String id = Json.createReader(new StringReader(made.body())).readObject().getString("id");
        HttpResponse<String> link = ada.call("POST", "api/docs/" + id + "/sharing/links", "{\"role\":\"editor\"}");
        assertEquals(201, link.statusCode(), link.body());
        return new Shared(id, Json.createReader(new StringReader(link.body())).readObject().getString("token"));
    }

    private static void start(Node node) {
        try {
            node.server.start();
            Matcher self = SELF.matcher(node.server.log());
            String id = null;
            while (self.find()) {
                id = self.group(1); // the last: this start's
            }
            if (id == null) {
                throw new IllegalStateException("no member id in the log of " + node.server.base());
            }
            node.id = id;
            node.alive = true;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean logHas(Node node, String text) {
        try {
            return node.server.log().contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static int freePort() {
        return FreePorts.take();
    }

    @AfterAll
    void shutDown() throws Exception {
        typists.forEach(Typist::stop);
        if (longPolls != null) {
            longPolls.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
        for (Node node : nodes) {
            node.server.kill();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private Node ownerOf(String docId) {
        String owner = Owners.of(docId, nodes.stream().filter(node -> node.alive).map(node -> node.id).toList());
        return nodes.stream().filter(node -> node.id.equals(owner)).findFirst().orElseThrow();
    }

    /** Someone typing on a node over WebSocket, who reconnects when cut off: to the same node while it lives, else to the next. */
    final class Typist {
        final OtClient client;
        final char letter;
        final String docId;
        private final Random random;
        volatile Node node;
        volatile WebSocketLink link;
        /** Long polling through the proxy instead, if set. */
        volatile LongPollLink longPoll;
        final AtomicInteger connections = new AtomicInteger();
        private volatile boolean stopped;

        Typist(Shared doc, String id, char letter, Node node) throws Exception {
            this.docId = doc.id();
            this.letter = letter;
            this.node = node;
            this.random = new Random(letter);
            this.client = new OtClient(id, "Typist " + id, message -> {
                if (longPoll != null) {
                    longPoll.send(message);
                } else {
                    link.send(message);
                }
            }).withLink(doc.link());
            typists.add(this);
            if (node == null) {
                longPoll = LongPollLink.connect(longPolls, URI.create(proxy.base() + "lp/docs/" + docId), null, client);
                client.join();
            } else {
                connect();
            }
            Await.until(() -> client.revision() >= 0);
        }

        private synchronized void connect() throws Exception {
            if (!node.alive) {
                node = nodes.stream().filter(other -> other.alive).findFirst().orElseThrow();
            }
            WebSocketLink opened = WebSocketLink.connect(websockets, URI.create(node.server.base().toString()
                    .replaceFirst("^http", "ws") + "ws/docs/" + docId), null, client);
            link = opened;
            connections.incrementAndGet();
            client.join();
            opened.closed.thenRun(this::reconnectSoon);
        }

        private void reconnectSoon() {
            if (stopped) {
                return;
            }
            CompletableFuture.runAsync(() -> {
                try {
                    connect();
                } catch (Exception refused) {
                    reconnectSoon(); // its node is going or gone: again, maybe elsewhere
                }
            }, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        }

        void stop() {
            stopped = true;
        }

        Thread typing(int count) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    synchronized (client) {
                        int at = random.nextInt(client.length() + 1);
                        client.edit(TextOperation.builder().retain(at).insert(String.valueOf(letter))
                                .retain(client.length() - at).build());
                    }
                    try {
                        Thread.sleep(5 + random.nextInt(20));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.start();
            return thread;
        }
    }

    /** Two typists on each node that lives. */
    private List<Typist> twoOnEachNode(Shared doc) throws Exception {
        List<Typist> these = new ArrayList<>();
        char letter = 'a';
        for (Node node : nodes) {
            if (node.alive) {
                these.add(new Typist(doc, doc.id() + "-" + letter, letter++, node));
                these.add(new Typist(doc, doc.id() + "-" + letter, letter++, node));
            }
        }
        return these;
    }

    private static void typeAndWait(List<Typist> these, int each) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        these.forEach(typist -> threads.add(typist.typing(each)));
        finish(threads);
    }

    /** Everyone typing {@code each} letters; returns once some of it is acknowledged. */
    private static List<Thread> typingUnderWay(List<Typist> these, int each) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        these.forEach(typist -> threads.add(typist.typing(each)));
        Await.until(() -> these.get(0).client.revision() >= 40);
        return threads;
    }

    private static void finish(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(120));
        }
    }

    /** Everyone on one text, with every letter {@code each} times, which the database has too. */
    private String converged(List<Typist> these, String docId, int each) throws Exception {
        String text = Await.settledTogether(these.stream().map(typist -> typist.client).toList());
        for (Typist typist : these) {
            assertEquals(text, typist.client.text());
            assertEquals(each, text.chars().filter(c -> c == typist.letter).count(), "every " + typist.letter + " once: " + text);
            assertTrue(typist.client.errors().isEmpty(), typist.client.errors().toString());
        }
        assertEquals(these.get(0).client.revision(), storedRevisions(docId), "each revision stored once, none missing");
        return text;
    }

    /** How many revisions the log has, checking that they run 1, 2, 3... with each (client, seq) once. */
    private long storedRevisions(String docId) throws Exception {
        try (Connection database = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/"
                + PostgresServer.DATABASE, PostgresServer.USER, postgres.password());
                PreparedStatement query = database.prepareStatement("select count(*), count(distinct REVISION),"
                        + " count(distinct CLIENT_ID || '/' || SEQ), coalesce(max(REVISION), 0) from TANDEM_EDIT"
                        + " where DOCUMENT_ID = ?")) {
            query.setString(1, docId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                long count = row.getLong(1);
                assertEquals(count, row.getLong(2), "no revision twice");
                assertEquals(count, row.getLong(3), "no (client, seq) twice");
                assertEquals(count, row.getLong(4), "no revision missing");
                return count;
            }
        }
    }

    @Test
    void peopleOnEveryNodeTypeIntoOneDocumentAndConverge() throws Exception {
        Shared doc = newDocument();
        List<Typist> these = twoOnEachNode(doc);
        typeAndWait(these, 60);
        converged(these, doc.id(), 60);
        assertTrue(these.stream().allMatch(typist -> typist.connections.get() == 1), "nobody was cut off");
        Await.until(() -> these.get(0).client.peers().size() == 5, () -> "peers: " + these.get(0).client.peers());
    }

    /**
     * Long polling through a proxy that takes turns between the nodes: each request of a client
     * lands on another node than the one before, which relays it to the node that holds the session.
     */
    @Test
    void longPollingThroughRoundRobinLosesAndRepeatsNothing() throws Exception {
        Shared doc = newDocument();
        String docId = doc.id();
        List<Typist> these = new ArrayList<>();
        these.add(new Typist(doc, docId + "-a", 'a', nodes.get(0)));
        these.add(new Typist(doc, docId + "-b", 'b', nodes.get(1)));
        for (char letter = 'c'; letter <= 'e'; letter++) {
            these.add(new Typist(doc, docId + "-" + letter, letter, null));
        }
        typeAndWait(these, 50);
        converged(these, docId, 50);
        for (Typist typist : these.subList(2, 5)) {
            assertTrue(typist.longPoll.statuses.stream().allMatch(status -> status < 400), typist.longPoll.statuses.toString());
            assertTrue(!typist.longPoll.closed.isDone(), "the session lasted");
        }
        assertEquals(3, proxy.upstreamsUsed("/lp/docs/" + docId), "the requests went to every node");
    }

    /** Browser pages through the round-robin proxy: each page's WebSocket may reach another node. */
    @Test
    void browserPagesThroughTheProxyConverge() throws Exception {
        Shared doc = newDocument();
        try (Browsers browsers = new Browsers()) {
            List<EditorPage> pages = new ArrayList<>();
            for (String name : List.of("Ada", "Bob", "Cat")) {
                pages.add(browsers.person(name, proxy.base().resolve("d/" + doc.id() + "#link=" + doc.link())));
            }
            String[] letters = {"a", "b", "😀"};
            for (int round = 0; round < 15; round++) {
                for (int i = 0; i < pages.size(); i++) {
                    pages.get(i).press(round % 2 == 0 ? "Control+Home" : "Control+End");
                    pages.get(i).type(letters[i]);
                }
            }
            String text = EditorPage.converged(pages);
            for (String letter : letters) {
                assertEquals(15, text.split(Pattern.quote(letter), -1).length - 1, "every " + letter + " once: " + text);
            }
        }
    }

    /**
     * Sign-in sessions are shared by the nodes: someone who signed in through the proxy (on
     * whichever node it chose) is known on every node, on both transports; signing out on one node
     * ends the session on all of them, and closes its connections everywhere.
     */
    @Test
    void aSignedInPersonIsKnownOnEveryNodeUntilSigningOutOnAny() throws Exception {
        assertEquals(201, ada.call("POST", "api/accounts",
                "{\"username\":\"cat\",\"name\":\"Cat\",\"password\":\"cat-password-1\"}").statusCode());
        Shared doc = newDocument();
        assertEquals(204, ada.call("PUT", "api/docs/" + doc.id() + "/sharing/grants/cat", "{\"role\":\"editor\"}")
                .statusCode());
        WebSession cat = new WebSession(proxy.base());
        assertTrue(cat.signIn("cat", "cat-password-1").endsWith("/"), "signed in");
        List<OtClient> clients = new ArrayList<>();
        List<WebSocketLink> webSockets = new ArrayList<>();
        for (Node node : nodes) {
            WebSession there = cat.at(node.server.base());
            assertEquals("cat", signedInAs(there), "known at " + node.server.base());
            WebSocketLink[] link = new WebSocketLink[1];
            OtClient client = new OtClient("cat-" + clients.size(), "Cat", message -> link[0].send(message));
            link[0] = WebSocketLink.connect(websockets, URI.create(node.server.base().toString()
                    .replaceFirst("^http", "ws") + "ws/docs/" + doc.id()), there.origin(), cat.cookie(), client);
            client.join();
            Await.until(() -> client.revision() >= 0);
            assertEquals("editor", client.role(), "by her grant, at " + node.server.base());
            clients.add(client);
            webSockets.add(link[0]);
        }
        LongPollLink[] poll = new LongPollLink[1];
        OtClient polling = new OtClient("cat-lp", "Cat", message -> poll[0].send(message));
        poll[0] = LongPollLink.connect(longPolls, URI.create(proxy.base() + "lp/docs/" + doc.id()), cat.origin(), polling)
                .header("Cookie", cat.cookie());
        polling.join();
        Await.until(() -> polling.revision() >= 0);
        clients.add(polling);
        polling.edit(TextOperation.builder().insert("meow").build());
        Await.until(() -> clients.stream().allMatch(client -> client.text().equals("meow")));

        assertTrue(cat.at(nodes.get(1).server.base()).postForm("signout", Map.of()).endsWith("/signin?signed-out"));
        Await.until(() -> webSockets.stream().allMatch(link -> link.closed.isDone()),
                () -> "open still: " + webSockets.stream().filter(link -> !link.closed.isDone()).toList());
        polling.edit(TextOperation.builder().retain(4).insert("!").build());
        Await.until(() -> poll[0].closed.isDone(), () -> "long polling answered " + poll[0].statuses);
        // the other nodes hear of it over the grid: within moments, not at once
        long signedOut = System.nanoTime();
        for (Node node : nodes) {
            WebSession there = cat.at(node.server.base());
            Await.until(() -> signedInAsOrFailure(there) == null, () -> "still signed in at " + node.server.base());
        }
        long lateMillis = (System.nanoTime() - signedOut) / 1_000_000;
        System.out.printf("signed out on every node within %d ms of the last connection closing%n", lateMillis);
        assertTrue(lateMillis < 5_000, "signed out everywhere after " + lateMillis + " ms");
        assertEquals("ada", signedInAs(ada), "her session goes on");
        assertEquals(1, storedRevisions(doc.id()), "the edit sent after signing out was not taken");
    }

    private static String signedInAsOrFailure(WebSession session) {
        try {
            return signedInAs(session);
        } catch (Exception | AssertionError failed) {
            return "(" + failed + ")";
        }
    }

    /** Who the server takes the session's holder for, or null. */
    private static String signedInAs(WebSession session) throws Exception {
        HttpResponse<String> me = session.get("api/me");
        assertEquals(200, me.statusCode(), me.body());
        JsonObject answer = Json.createReader(new StringReader(me.body())).readObject();
        return answer.containsKey("user") && !answer.isNull("user") ? answer.getString("user") : null;
    }

    @Test
    void theOwnerKilledMidTypingLosesNoAcknowledgedEditAndTypingResumesWithinSeconds() throws Exception {
        Shared doc = newDocument();
        String docId = doc.id();
        Node owner = ownerOf(docId);
        List<Typist> these = twoOnEachNode(doc);
        List<Thread> threads = typingUnderWay(these, 100);
        Typist elsewhere = these.stream().filter(typist -> typist.node != owner).findFirst().orElseThrow();
        long acknowledged = these.stream().mapToLong(typist -> typist.client.revision()).max().orElseThrow();
        long killed = System.nanoTime();
        owner.alive = false;
        owner.server.kill();
        Await.until(() -> elsewhere.client.revision() > acknowledged + 5 && elsewhere.connections.get() > 1);
        long resumedMillis = (System.nanoTime() - killed) / 1_000_000;
        System.out.printf("kill -9 of the owner: typing acknowledged again after %d ms%n", resumedMillis);
        finish(threads);
        converged(these, docId, 100);
        assertTrue(resumedMillis < 10_000, "resumed after " + resumedMillis + " ms");
        restart(owner);
    }

    @Test
    void theOwnerStoppedMidTypingHandsOverAndNobodyLosesAnything() throws Exception {
        Shared doc = newDocument();
        String docId = doc.id();
        Node owner = ownerOf(docId);
        List<Typist> these = twoOnEachNode(doc);
        List<Thread> threads = typingUnderWay(these, 100);
        owner.alive = false;
        owner.server.stop();
        finish(threads);
        converged(these, docId, 100);
        restart(owner);
    }

    /** Back in the cluster, under a new id, with the others seeing it. */
    private void restart(Node node) throws Exception {
        Map<Node, Integer> before = new java.util.HashMap<>();
        nodes.forEach(other -> before.put(other, fullClusterSeen(other)));
        start(node);
        Await.until(() -> nodes.stream().allMatch(other -> other == node || fullClusterSeen(other) > before.get(other)));
    }

    /** How many times a node has logged seeing all three members. */
    private static int fullClusterSeen(Node node) {
        try {
            return node.server.log().split(Pattern.quote(ALL_THREE), -1).length - 1;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
