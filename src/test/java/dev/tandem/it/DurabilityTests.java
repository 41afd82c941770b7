package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.JsonProviderHolder;
import dev.tandem.protocol.OperationJson;
import dev.tandem.support.client.Await;
import dev.tandem.support.client.LongPollLink;
import dev.tandem.support.client.OtClient;
import dev.tandem.support.client.WebSocketLink;
import dev.tandem.support.server.PayaraMicroProcess;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tandem on a Payara Micro process of its own, started as the README starts it, killed and
 * restarted on the same database: nothing acknowledged is lost, nothing is applied twice, and the
 * history read back (snapshots and the log) gives the same text at every revision. Each database
 * Tandem supports runs these.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DurabilityTests {
    /** Small, so that a few dozen edits cross several snapshots. */
    static final String SNAPSHOT_EVERY = "tandem.snapshot-every=7";

    private PayaraMicroProcess server;
    private final ClientManager websockets = ClientManager.createClient();
    private final HttpClient http = HttpClient.newHttpClient();
    private final HttpClient probes = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(2)).build();
    private org.eclipse.jetty.client.HttpClient longPolls;

    /** A server on a fresh database, not started. */
    abstract PayaraMicroProcess server(Path rootDir) throws Exception;

    @BeforeAll
    void boot() throws Exception {
        server = server(Path.of("target", "payara-durability", getClass().getSimpleName() + "-" + System.currentTimeMillis())
                .toAbsolutePath());
        server.start();
        longPolls = LongPollLink.newHttpClient();
    }

    /** A connection to the server's database from outside the server, while it runs. */
    abstract Connection database() throws SQLException;

    /** What the database needs once the server has stopped. */
    void afterServer() throws Exception {
    }

    @AfterAll
    void shutDown() throws Exception {
        if (longPolls != null) {
            longPolls.stop();
        }
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            afterServer();
        }
    }

    /** A client and its current connection; a new connection after each restart. */
    final class Typist {
        final OtClient client;
        volatile WebSocketLink link;
        final String letter;
        private final Random random;
        /** Whether a closed connection is opened again, as the browser client does. */
        private volatile boolean reconnecting;
        /** Connections opened so far. */
        final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

        Typist(String docId, String id, String letter) throws Exception {
            this.letter = letter;
            random = new Random(letter.hashCode());
            client = new OtClient(id, "Typist " + id, message -> link.send(message));
            connect(docId);
            Await.until(() -> client.revision() >= 0);
        }

        void connect(String docId) throws Exception {
            WebSocketLink opened = WebSocketLink.connect(websockets, URI.create(server.base().toString()
                    .replaceFirst("^http", "ws") + "ws/docs/" + docId), null, client);
            link = opened;
            connections.incrementAndGet();
            client.join();
            opened.closed.thenRun(() -> {
                if (reconnecting) {
                    reconnectSoon(docId);
                }
            });
        }

        /** From now on, a connection that closes is opened again a moment later. */
        void stayConnected(String docId) {
            reconnecting = true;
            if (link.closed.isDone()) {
                reconnectSoon(docId);
            }
        }

        private void reconnectSoon(String docId) {
            CompletableFuture.runAsync(() -> {
                try {
                    connect(docId);
                } catch (Exception refused) {
                    reconnectSoon(docId); // the server is not back yet
                }
            }, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        }

        /** Types one letter at a random place. */
        void type() {
            synchronized (client) {
                int at = random.nextInt(client.length() + 1);
                client.edit(TextOperation.builder().retain(at).insert(letter).retain(client.length() - at).build());
            }
        }

        Thread typing(int count) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    type();
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

    @Test
    void killedWhileThreePeopleTypeEveryAcknowledgedEditSurvivesAndNoneIsAppliedTwice() throws Exception {
        String docId = "killed-" + System.nanoTime();
        List<Typist> typists = List.of(new Typist(docId, "k-a", "a"), new Typist(docId, "k-b", "b"),
                new Typist(docId, "k-c", "c"));
        List<Thread> threads = new ArrayList<>();
        typists.forEach(typist -> threads.add(typist.typing(80)));
        Await.until(() -> typists.get(0).client.revision() >= 40);
        long acknowledged = typists.stream().mapToLong(typist -> typist.client.revision()).max().orElseThrow();

        server.kill(); // kill -9, mid-typing: the typists go on, offline
        server.start();
        for (Typist typist : typists) {
            typist.connect(docId); // resumes from its last seen revision, resends its unacknowledged edit
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        String text = converged(typists);
        assertTrue(typists.get(0).client.revision() >= acknowledged, "the revisions acknowledged before the kill remain");
        for (Typist typist : typists) {
            assertEquals(80, text.chars().filter(c -> c == typist.letter.charAt(0)).count(),
                    "every " + typist.letter + " once: " + text);
            assertTrue(typist.client.errors().isEmpty(), typist.client.errors().toString());
        }
        assertHistoryReplaysTo(docId, text, typists.get(0).client.revision());
    }

    /** What the server's readiness check says (status -1: nothing answers). */
    record Probe(int status, String body) {
    }

    Probe readiness() {
        try {
            HttpResponse<String> answer = probes.send(HttpRequest.newBuilder(server.management().resolve("health/ready"))
                    .timeout(java.time.Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Probe(answer.statusCode(), answer.body());
        } catch (java.io.IOException | InterruptedException refused) {
            return new Probe(-1, refused.toString());
        }
    }

    @Test
    void aCleanRestartKeepsTextAndRevisionsAndForgetsWhoWasThere() throws Exception {
        String docId = "restarted-" + System.nanoTime();
        Typist ada = new Typist(docId, "r-a", "x");
        Typist bob = new Typist(docId, "r-b", "y");
        ada.typing(10).join();
        bob.typing(10).join();
        String before = converged(List.of(ada, bob));
        long revision = ada.client.revision();

        server.stop();
        server.start();
        Typist cat = new Typist(docId, "r-c", "z");
        assertEquals(before, cat.client.text());
        assertEquals(revision, cat.client.revision());
        assertEquals(List.of(), cat.client.peers(), "nobody else is there until they come back");
        ada.connect(docId);
        Await.until(() -> cat.client.peers().contains("r-a"));
        assertEquals(before, converged(List.of(ada, cat)));
        assertHistoryReplaysTo(docId, before, revision);
    }

    /**
     * A server stopped as an operator stops it tells everyone to reconnect (1001) before it goes,
     * on both transports, instead of cutting them off without a word; they come back and type on.
     */
    @Test
    void aStoppedServerTellsEveryoneToReconnectAndTheyComeBack() throws Exception {
        String docId = "stopped-" + System.nanoTime();
        Typist ada = new Typist(docId, "s-a", "s");
        ada.typing(5).join();
        Await.until(ada.client::settled);
        BlockingQueue<String> polled = new LinkedBlockingQueue<>();
        LongPollLink poll = LongPollLink.open(longPolls, server.base().resolve("lp/docs/" + docId), null, polled::add);
        poll.sendRaw("{\"type\":\"join\",\"clientId\":\"s-lp\",\"clientSecret\":\"s-lp-secret-0123456789\"}");
        assertNotNull(polled.poll(30, TimeUnit.SECONDS), "the long-polling client is in");

        List<Integer> readiness = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread probing = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && !readiness.contains(-1)) {
                readiness.add(readiness().status());
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        probing.start();
        Await.until(() -> !readiness.isEmpty());
        server.stop();
        probing.join();
        assertEquals(200, readiness.get(0), "ready before: " + readiness);
        assertTrue(readiness.contains(503), "not ready while stopping, before it stopped answering: " + readiness);
        assertEquals(1001, ada.link.closed.get(30, TimeUnit.SECONDS).getCloseCode().getCode(), "going away, said");
        assertEquals(1001, poll.closed.get(30, TimeUnit.SECONDS).getInt("code"), "going away, said");
        poll.close();

        server.start();
        ada.connect(docId);
        typesOnAndAllIsStored(ada, docId, 3, "s".repeat(8));
    }

    @Test
    void aCommitThatLosesToAnotherWriterStoresNoneOfItsEditsAndTheirAuthorsResendThem() throws Exception {
        String docId = "failing-" + System.nanoTime();
        Typist ada = typedSix(docId, "f-a", "f");
        // revision 7 cannot be stored: its key is taken (as only a second writer could do: another node
        // that believed, for a moment, that it ordered the document)
        update("insert into TANDEM_EDIT (DOCUMENT_ID, REVISION, CLIENT_ID, SEQ, OP, APPLIED_UTC)"
                + " values (?, 7, 'in-the-way', 1, '[6,\"x\"]', CURRENT_TIMESTAMP)", docId);
        WebSocketLink first = ada.link;
        ada.type();
        assertEquals(1001, first.closed.get(30, TimeUnit.SECONDS).getCloseCode().getCode(),
                "the copy that lost is dropped at once, and its participants told to reconnect");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), loggedRevisions(docId));
        assertEquals(List.of("in-the-way"), authorsOf(docId, 7), "nothing of the failed edit was stored");

        update("delete from TANDEM_EDIT where DOCUMENT_ID = ? and REVISION = 7", docId);
        ada.connect(docId); // resends the edit that was not acknowledged
        Await.until(() -> ada.client.revision() == 7);
        typesOnAndAllIsStored(ada, docId, 5, "f".repeat(12));
    }

    /**
     * The log holds one person's edit once, whoever writes it: a second writer (another node that
     * believed, for a moment, that it ordered the document) storing an edit already stored, under
     * another revision, is refused by the database; and the document whose next write is in the
     * way closes and comes back from the log with every acknowledged edit once.
     */
    @Test
    void thePersonsEditIsStoredOnceWhoeverWritesIt() throws Exception {
        String docId = "fenced-" + System.nanoTime();
        Typist ada = typedSix(docId, "fence-a", "g");
        SQLException refused = assertThrows(SQLException.class, () -> update("insert into TANDEM_EDIT"
                + " (DOCUMENT_ID, REVISION, CLIENT_ID, SEQ, OP, APPLIED_UTC)"
                + " values (?, 99, 'fence-a', 3, '[6,\"x\"]', CURRENT_TIMESTAMP)", docId));
        assertTrue(refused.getMessage().toUpperCase(Locale.ROOT).contains("TANDEM_EDIT_CLIENT_SEQ"), refused.getMessage());

        // a second writer got there first with her next edit, at the next revision but one
        update("insert into TANDEM_EDIT (DOCUMENT_ID, REVISION, CLIENT_ID, SEQ, OP, APPLIED_UTC)"
                + " values (?, 8, 'fence-a', 7, '[6,\"g\"]', CURRENT_TIMESTAMP)", docId);
        WebSocketLink first = ada.link;
        ada.type();
        assertEquals(1001, first.closed.get(30, TimeUnit.SECONDS).getCloseCode().getCode(),
                "the writer that lost drops its copy, and its participants are told to reconnect");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 8L), loggedRevisions(docId), "no edit of hers twice");
        update("delete from TANDEM_EDIT where DOCUMENT_ID = ? and REVISION = 8", docId);
        ada.connect(docId);
        Await.until(() -> ada.client.revision() == 7);
        typesOnAndAllIsStored(ada, docId, 5, "g".repeat(12));
    }

    /**
     * A snapshot that cannot be stored stops nothing: the edits due with it are stored without
     * it. (They are first tried with it, in one transaction: had that transaction left the edit's
     * row behind when the snapshot failed, storing the edit again would fail too.)
     */
    @Test
    void editsWhoseSnapshotCannotBeStoredAreStoredWithoutIt() throws Exception {
        String docId = "snapshotless-" + System.nanoTime();
        Typist ada = typedSix(docId, "s-a", "s");
        // the snapshot due with revision 7 cannot be written: its key is taken
        update("insert into TANDEM_SNAPSHOT (DOCUMENT_ID, REVISION, TEXT) values (?, 7, 'in the way')", docId);
        WebSocketLink link = ada.link;
        ada.type();
        Await.until(() -> ada.client.revision() == 7);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), loggedRevisions(docId));
        assertEquals(List.of("s-a"), authorsOf(docId, 7));
        assertTrue(!link.closed.isDone(), "nobody was disconnected");

        update("delete from TANDEM_SNAPSHOT where DOCUMENT_ID = ? and REVISION = 7", docId);
        typesOnAndAllIsStored(ada, docId, 10, "s".repeat(17)); // past the next snapshot, at revision 14
    }

    /**
     * Text holding U+0000 is refused where it enters, for every database alike (PostgreSQL cannot
     * store it in text: it took the edit, then failed at every later snapshot, closing everyone each
     * time); the document takes the next edits as usual.
     */
    @Test
    void textHoldingNulIsRefusedAndTheDocumentStaysWritable() throws Exception {
        String docId = "nul-" + System.nanoTime();
        Typist ada = typedSix(docId, "n-a", "n");
        ada.link.sendRaw("{\"type\":\"edit\",\"revision\":6,\"seq\":99,\"op\":[6,\"a\\u0000b\"]}");
        Await.until(() -> !ada.client.errors().isEmpty());
        assertEquals("bad-operation", ada.client.errors().get(0).code());
        typesOnAndAllIsStored(ada, docId, 10, "n".repeat(16)); // past the snapshots due at revisions 7 and 14
        assertEquals(1, ada.client.errors().size(), "the refusal of the NUL, nothing else");
    }

    /** {@code typist} types {@code more} edits; all converge to {@code expected}, and the history replays to it. */
    private void typesOnAndAllIsStored(Typist typist, String docId, int more, String expected) throws Exception {
        typist.typing(more).join();
        String text = converged(List.of(typist));
        assertEquals(expected, text);
        assertHistoryReplaysTo(docId, text, typist.client.revision());
    }

    /** A typist that has typed six edits, each acknowledged: revisions 1 to 6. */
    private Typist typedSix(String docId, String clientId, String letter) throws Exception {
        Typist typist = new Typist(docId, clientId, letter);
        for (int revision = 1; revision <= 6; revision++) {
            typist.type();
            long acknowledged = revision;
            Await.until(() -> typist.client.revision() == acknowledged);
        }
        return typist;
    }

    private List<String> authorsOf(String docId, long revision) throws SQLException {
        try (Connection db = database(); PreparedStatement statement = db.prepareStatement(
                "select CLIENT_ID from TANDEM_EDIT where DOCUMENT_ID = ? and REVISION = ?")) {
            statement.setString(1, docId);
            statement.setLong(2, revision);
            List<String> authors = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    authors.add(rows.getString(1));
                }
            }
            return authors;
        }
    }

    private void update(String sql, String docId) throws SQLException {
        try (Connection db = database(); PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, docId);
            statement.executeUpdate();
        }
    }

    List<Long> loggedRevisions(String docId) throws SQLException {
        try (Connection db = database(); PreparedStatement statement = db.prepareStatement(
                "select REVISION from TANDEM_EDIT where DOCUMENT_ID = ? order by REVISION")) {
            statement.setString(1, docId);
            List<Long> revisions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    revisions.add(rows.getLong(1));
                }
            }
            return revisions;
        }
    }

    /**
     * The log holds each author's edits once, in sequence, and the history API gives, at every
     * revision, the text that replaying the log up to it gives: snapshots agree with the log.
     */
    void assertHistoryReplaysTo(String docId, String text, long latest) throws Exception {
        JsonArray edits = get("api/docs/" + docId + "/edits?from=0&to=" + latest).getJsonArray("edits");
        assertEquals(latest, edits.size(), "one logged edit per revision");
        Map<String, Long> lastSeq = new HashMap<>();
        String replayed = "";
        for (int i = 0; i < edits.size(); i++) {
            JsonObject edit = edits.getJsonObject(i);
            assertEquals(i + 1, edit.getJsonNumber("revision").longValue());
            long seq = edit.getJsonNumber("seq").longValue();
            Long before = lastSeq.put(edit.getString("clientId"), seq);
            assertTrue(before == null || seq > before, "an author's edits in sequence, each once: " + edit);
            replayed = OperationJson.fromJson(edit.getJsonArray("op").toString()).apply(replayed);
            JsonObject atRevision = get("api/docs/" + docId + "/revisions/" + (i + 1));
            assertEquals(replayed, atRevision.getString("text"), "the text at revision " + (i + 1));
        }
        assertEquals(text, replayed);
    }

    private JsonObject get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.base().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        try (JsonReader reader = JsonProviderHolder.PROVIDER.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    static String converged(List<Typist> typists) throws InterruptedException {
        String text = Await.settledTogether(typists.stream().map(typist -> typist.client).toList());
        for (Typist typist : typists) {
            assertEquals(text, typist.client.text());
        }
        return text;
    }
}
