package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.JsonProviderHolder;
import dev.tandem.support.client.Await;
import dev.tandem.support.client.LongPollLink;
import dev.tandem.support.client.OtClient;
import dev.tandem.support.client.WebSocketLink;
import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.RunningTandem;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The long-polling transport on Payara Micro: clients on it and on WebSocket edit one document
 * together; lost poll answers, polls replaced by newer ones, bad input, quiet clients and other
 * sites are handled as the protocol says.
 */
@ExtendWith(RunningTandem.class)
class LongPollIT {
    /** For requests made by hand. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final org.eclipse.jetty.client.HttpClient linkHttp;
    private final ClientManager websockets = ClientManager.createClient();
    private final List<AutoCloseable> links = new ArrayList<>();
    private final PayaraMicroProcess server;
    private final URI base;
    private final String docId;

    LongPollIT(PayaraMicroProcess server, TestInfo test) throws Exception {
        this.linkHttp = LongPollLink.newHttpClient();
        this.server = server;
        this.base = server.base();
        this.docId = test.getTestMethod().orElseThrow().getName().substring(0, 20) + System.nanoTime();
    }

    @AfterEach
    void closeLinks() throws Exception {
        for (AutoCloseable link : links) {
            link.close();
        }
        websockets.shutdown();
        linkHttp.stop();
    }

    private URI longPoll(String document) {
        return base.resolve("lp/docs/" + document);
    }

    private String origin() {
        return "http://" + base.getHost() + ":" + base.getPort();
    }

    /** A client on either transport, joined. */
    private OtClient client(String id, boolean longPolling) throws Exception {
        Consumer<ClientMessage>[] sender = sendersOf(1);
        OtClient client = new OtClient(id, "Typist " + id, message -> sender[0].accept(message));
        if (longPolling) {
            LongPollLink link = LongPollLink.connect(linkHttp, longPoll(docId), origin(), client);
            links.add(link);
            sender[0] = link::send;
        } else {
            WebSocketLink link = WebSocketLink.connect(websockets,
                    URI.create(base.toString().replaceFirst("^http", "ws") + "ws/docs/" + docId), origin(), client);
            links.add(link::close);
            sender[0] = link::send;
        }
        client.join();
        Await.until(() -> client.revision() >= 0);
        return client;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Consumer<ClientMessage>[] sendersOf(int n) {
        return new Consumer[n];
    }

    /**
     * Long polls over HTTP/2 leak on Payara, so it is off (docs/operations.md). A client that asks
     * to upgrade in a POST is told so at once instead of waiting for a body the server never reads.
     */
    @Test
    void aPostAskingForHttp2IsRefusedAtOnce() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> refused = http2.send(HttpRequest.newBuilder(longPoll(docId))
                .header("Origin", origin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"join\",\"clientId\":\"h2\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, refused.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, refused.version());
        assertTrue(refused.body().contains("this server speaks HTTP/1.1"), refused.body());
    }

    /** And the server logs no warning about it: answering a poll is not left to another request's thread. */
    @Test
    void clientsOnLongPollingConverge() throws Exception {
        typeTogether(List.of(client("lp-a", true), client("lp-b", true), client("lp-c", true)));
        List<String> warnings = server.log().lines().filter(line -> line.contains("WARN") && line.contains("WELD-")).toList();
        assertTrue(warnings.isEmpty(), warnings.size() + " warnings, the first: " + warnings.stream().findFirst().orElse(""));
    }

    @Test
    void clientsOnLongPollingAndWebSocketConvergeTogether() throws Exception {
        typeTogether(List.of(client("lp-a", true), client("ws-b", false), client("lp-c", true), client("ws-d", false)));
    }

    /** Each client types 40 times the last letter of its id at random places, with random pauses. */
    private static void typeTogether(List<OtClient> clients) throws Exception {
        List<Thread> typists = new ArrayList<>();
        for (OtClient client : clients) {
            Random random = new Random(client.clientId().hashCode());
            Thread typist = new Thread(() -> {
                for (int i = 0; i < 40; i++) {
                    synchronized (client) {
                        int at = random.nextInt(client.length() + 1);
                        client.edit(TextOperation.builder().retain(at).insert(letter(client))
                                .retain(client.length() - at).build());
                    }
                    try {
                        Thread.sleep(random.nextInt(4));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            typist.start();
            typists.add(typist);
        }
        for (Thread typist : typists) {
            typist.join(TimeUnit.SECONDS.toMillis(60));
        }
        String text = Await.settledTogether(clients);
        for (OtClient client : clients) {
            assertEquals(text, client.text());
            assertEquals(40, text.split(letter(client), -1).length - 1, "every insert of " + client.clientId() + " once");
            assertTrue(client.errors().isEmpty(), client.errors().toString());
        }
    }

    private static String letter(OtClient client) {
        return client.clientId().substring(client.clientId().length() - 1);
    }

    @Test
    void aPollAnswerLostOnTheWayIsSentAgainAndNothingTwice() throws Exception {
        OtClient writer = client("writer", false);
        String session = post(null, "{\"type\":\"join\",\"clientId\":\"reader\"}").getString("session");
        JsonObject first = poll(session, 0);
        assertEquals(1, first.getInt("seq"));
        assertEquals("welcome", first.getJsonArray("messages").getJsonObject(0).getString("type"));

        writer.edit(TextOperation.builder().insert("a").build());
        Await.until(writer::settled);
        cutMidAnswer(session, 1);   // the answer carrying frame 2 never arrives
        JsonObject again = poll(session, 1);
        assertEquals(2, again.getInt("seq"));
        JsonObject edit = again.getJsonArray("messages").getJsonObject(0);
        assertEquals(1, edit.getInt("revision"), again.toString());

        writer.edit(TextOperation.builder().retain(1).insert("b").build());
        Await.until(writer::settled);
        JsonObject next = poll(session, 2);
        assertEquals(3, next.getInt("seq"));
        assertEquals(1, next.getJsonArray("messages").size(), next.toString());
        assertEquals(2, next.getJsonArray("messages").getJsonObject(0).getInt("revision"), "revision 1 not again");
    }

    @Test
    void aNewPollAnswersTheOneWaitingAndTakesItsPlace() throws Exception {
        OtClient writer = client("writer", false);
        String session = post(null, "{\"type\":\"join\",\"clientId\":\"twice\"}").getString("session");
        assertEquals(1, poll(session, 0).getInt("seq"));

        CompletableFuture<JsonObject> one = pollAsync(session, 1);
        CompletableFuture<JsonObject> other = pollAsync(session, 1);
        JsonObject replaced = (JsonObject) CompletableFuture.anyOf(one, other).get(4, TimeUnit.SECONDS); // hold: 5 s
        assertEquals(1, replaced.getInt("seq"));
        assertEquals(0, replaced.getJsonArray("messages").size(), replaced.toString());
        CompletableFuture<JsonObject> waiting = one.isDone() ? other : one;
        assertFalse(waiting.isDone(), "one of the two still waits");

        writer.edit(TextOperation.builder().insert("a").build());
        JsonObject edit = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(2, edit.getInt("seq"));
        assertEquals(1, edit.getJsonArray("messages").getJsonObject(0).getInt("revision"), edit.toString());
    }

    /** Sends a poll by hand, reads the first bytes of the answer, and hangs up. */
    private void cutMidAnswer(String session, long ack) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /lp/docs/" + docId + "?ack=" + ack + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nTandem-Session: " + session + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertTrue(in.read(new byte[12]) > 0);
        }
    }

    @Test
    void badInputGetsTheSameErrorsAsOverWebSocket() throws Exception {
        String session = post(null, "{\"type\":\"join\",\"clientId\":\"bad\"}").getString("session");
        poll(session, 0);
        post(session, "this is not JSON");
        post(session, "[{\"type\":\"edit\",\"revision\":0,\"seq\":1,\"op\":[5]}, {\"type\":\"dance\"}]");
        List<String> codes = new ArrayList<>();
        long seq = 1;
        while (codes.size() < 3) {
            JsonObject answer = poll(session, seq);
            seq = answer.getInt("seq");
            answer.getJsonArray("messages").forEach(m -> codes.add(m.asJsonObject().getString("code")));
        }
        assertEquals(List.of("malformed-message", "bad-operation", "unknown-type"), codes);

        HttpResponse<String> huge = send(session, HttpRequest.newBuilder(longPoll(docId))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(200_000))));
        assertEquals(413, huge.statusCode());
        assertEquals(1009, json(huge.body()).getJsonObject("close").getInt("code"));
        assertEquals(410, send("no-such-session", HttpRequest.newBuilder(longPoll(docId)).GET()).statusCode());
        assertEquals(404, send(null, HttpRequest.newBuilder(longPoll("bad.id"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"join\",\"clientId\":\"x\"}"))).statusCode());
        HttpResponse<String> answer = send(session, HttpRequest.newBuilder(longPoll(docId)).GET());
        assertEquals(410, answer.statusCode(), "the request too large ended the session");
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void aSessionStartsWithAJoinOrNotAtAll() throws Exception {
        for (String body : List.of("", "garbage", "{\"type\":\"selection\",\"revision\":0}",
                "{\"type\":\"join\",\"clientId\":\"bad id\"}")) {
            HttpResponse<String> refused = send(null, HttpRequest.newBuilder(longPoll(docId))
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(400, refused.statusCode(), body);
            JsonObject answer = json(refused.body());
            assertEquals(1008, answer.getJsonObject("close").getInt("code"), body);
            assertFalse(answer.containsKey("session"));
        }
        JsonObject refused = json(send(null, HttpRequest.newBuilder(longPoll(docId))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"join\",\"clientId\":\"bad id\"}"))).body());
        assertEquals("malformed-message", refused.getJsonArray("messages").getJsonObject(0).getString("code"),
                "the reason comes with the refusal");
    }

    @Test
    void aQuietPollIsAnsweredEmptyAtTheHoldTimeAndTheSessionLivesOn() throws Exception {
        String session = post(null, "{\"type\":\"join\",\"clientId\":\"idle\"}").getString("session");
        assertEquals(1, poll(session, 0).getInt("seq"));
        for (int hold = 0; hold < 2; hold++) {  // longer than the 4 s expiry in all, never idle that long
            long start = System.nanoTime();
            JsonObject empty = poll(session, 1);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertEquals(1, empty.getInt("seq"));
            assertEquals(0, empty.getJsonArray("messages").size());
            assertTrue(seconds >= 4 && seconds <= 10, "answered after the 5 s hold, not " + seconds + " s");
        }
        post(session, "{\"type\":\"selection\",\"revision\":0,\"ranges\":[]}"); // 204: still there
    }

    @Test
    void pagesOfOtherSitesAreRefused() throws Exception {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(longPoll(docId)).header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"join\",\"clientId\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode());
    }

    @Test
    void aClientThatStopsPollingLeavesThePresenceList() throws Exception {
        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocketLink watcher = WebSocketLink.open(websockets,
                URI.create(base.toString().replaceFirst("^http", "ws") + "ws/docs/" + docId), origin(), frames::add);
        links.add(watcher::close);
        watcher.send(new ClientMessage.Join("watcher", "Watcher", null, null));
        Await.until(() -> !frames.isEmpty()); // welcomed: the next join reaches it as presence
        OtClient quiet = client("quiet", true);
        Await.until(() -> frames.stream().anyMatch(f -> f.contains("\"joined\"") && f.contains("quiet")));
        links.get(links.size() - 1).close(); // the quiet client stops polling: its network went away
        long stoppedAt = System.nanoTime();
        Await.until(() -> frames.stream().anyMatch(f -> f.contains("\"left\"") && f.contains("quiet")));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt);
        assertTrue(seconds >= 3, "left after the 4 s expiry, not at once: " + seconds);
        assertEquals(0, quiet.errors().size());
    }

    private JsonObject post(String session, String body) throws Exception {
        HttpResponse<String> response = send(session, HttpRequest.newBuilder(longPoll(docId))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertTrue(response.statusCode() == 200 || response.statusCode() == 204, response.toString());
        return response.body().isEmpty() ? null : json(response.body());
    }

    private JsonObject poll(String session, long ack) throws Exception {
        return pollAnswer(http.send(pollRequest(session, ack), HttpResponse.BodyHandlers.ofString()));
    }

    private CompletableFuture<JsonObject> pollAsync(String session, long ack) {
        return http.sendAsync(pollRequest(session, ack), HttpResponse.BodyHandlers.ofString()).thenApply(LongPollIT::pollAnswer);
    }

    private HttpRequest pollRequest(String session, long ack) {
        return withHeaders(session, HttpRequest.newBuilder(URI.create(longPoll(docId) + "?ack=" + ack)).GET()).build();
    }

    private static JsonObject pollAnswer(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body());
    }

    private HttpResponse<String> send(String session, HttpRequest.Builder request) throws Exception {
        return http.send(withHeaders(session, request).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder withHeaders(String session, HttpRequest.Builder request) {
        request.header("Origin", origin());
        if (session != null) {
            request.header("Tandem-Session", session);
        }
        return request;
    }

    private static JsonObject json(String text) {
        return JsonProviderHolder.PROVIDER.createReader(new StringReader(text)).readObject();
    }
}
