package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.HostileCases;
import dev.tandem.protocol.JsonProviderHolder;
import dev.tandem.support.client.Await;
import dev.tandem.support.client.OtClient;
import dev.tandem.support.client.WebSocketLink;
import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.RunningTandem;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every hostile message of {@link HostileCases}, over WebSocket and over long polling, on
 * Payara Micro: each gets its documented error, the connection stays, the document is unchanged,
 * and someone else in the document notices nothing.
 */
@ExtendWith(RunningTandem.class)
class HostileInputIT {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ClientManager websockets = ClientManager.createClient();
    private final List<WebSocketLink> links = new ArrayList<>();
    private final URI base;
    private final String docId = "hostile-" + System.nanoTime();

    HostileInputIT(PayaraMicroProcess server) {
        this.base = server.base();
    }

    @AfterEach
    void close() throws Exception {
        for (WebSocketLink link : links) {
            link.close();
        }
    }

    private String origin() {
        return "http://" + base.getHost() + ":" + base.getPort();
    }

    private URI webSocket() {
        return URI.create(base.toString().replaceFirst("^http", "ws") + "ws/docs/" + docId);
    }

    @Test
    void everyHostileMessageGetsItsErrorOnBothTransportsAndChangesNothing() throws Exception {
        WebSocketLink[] bystanderLink = new WebSocketLink[1];
        OtClient bystander = new OtClient("bystander", "Bystander", message -> bystanderLink[0].send(message));
        bystanderLink[0] = WebSocketLink.connect(websockets, webSocket(), origin(), bystander);
        links.add(bystanderLink[0]);
        bystander.join();
        Await.until(() -> bystander.revision() == 0);
        bystander.edit(TextOperation.builder().insert("hello").build());
        Await.until(bystander::settled);

        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocketLink hostile = WebSocketLink.open(websockets, webSocket(), origin(), frames::add);
        links.add(hostile);
        hostile.sendRaw("{\"type\":\"join\",\"clientId\":\"hostile-ws\"}");
        assertTrue(next(frames).contains("\"type\":\"welcome\""));
        String session = postJson(null, "{\"type\":\"join\",\"clientId\":\"hostile-lp\"}").getString("session");
        long seq = pollMessages(session, 0, new ArrayList<>());

        for (HostileCases.Case hostileCase : HostileCases.ALL) {
            hostile.sendRaw(hostileCase.message());
            assertEquals(hostileCase.code(), nextError(frames), "WebSocket: " + hostileCase.name());
            if (!hostileCase.webSocketOnly()) {
                assertEquals(204, post(session, hostileCase.message()).statusCode(), hostileCase.name());
                List<JsonObject> messages = new ArrayList<>();
                seq = pollMessages(session, seq, messages);
                assertEquals(hostileCase.code(), messages.stream().filter(m -> m.getString("type").equals("error"))
                        .findFirst().orElseThrow().getString("code"), "long polling: " + hostileCase.name());
            }
            assertEquals(404, get("api/docs/" + docId + "/revisions/2").statusCode(), "unchanged by " + hostileCase.name());
        }
        assertFalse(hostile.closed.isDone(), "the WebSocket connection stays");

        assertEquals(1, bystander.revision(), "the bystander saw no edit");
        assertTrue(bystander.errors().isEmpty(), bystander.errors().toString());
        bystander.edit(TextOperation.builder().retain(5).insert(", world").build());
        Await.until(bystander::settled);
        assertEquals(2, bystander.revision());
        assertEquals("hello, world", bystander.text());
    }

    /** A client that sends edits as fast as it can is told so (rate-limited, 1008), not dropped without a word. */
    @Test
    void aFloodOfEditsIsRefusedAsRateLimited() throws Exception {
        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocketLink flood = WebSocketLink.open(websockets, webSocket(), origin(), frames::add);
        links.add(flood);
        flood.sendRaw("{\"type\":\"join\",\"clientId\":\"flood\"}");
        Await.until(() -> !frames.isEmpty());
        for (int seq = 1; seq <= 1000 && !flood.closed.isDone(); seq++) {
            flood.sendRaw("{\"type\":\"edit\",\"revision\":" + (seq - 1) + ",\"seq\":" + seq + ",\"op\":["
                    + (seq == 1 ? "" : (seq - 1) + ",") + "\"x\"]}");
        }
        CloseReason closed = flood.closed.get(30, TimeUnit.SECONDS);
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, closed.getCloseCode(), closed.toString());
        assertTrue(frames.stream().anyMatch(frame -> frame.contains("\"code\":\"rate-limited\"")), "told why");
    }

    /**
     * One address holding as many WebSocket connections as it may is told so (too-many-connections,
     * 1013) when it opens one more, and gets a place again once it closes one.
     */
    @Test
    void oneAddressCannotHoldMoreWebSocketConnectionsThanItsShare() throws Exception {
        List<WebSocketLink> held = new ArrayList<>();
        List<String> refusals = new CopyOnWriteArrayList<>();
        for (int i = 0; i <= RunningTandem.WEBSOCKETS_PER_ADDRESS; i++) {
            WebSocketLink link = WebSocketLink.open(websockets, webSocket(), origin(), refusals::add);
            links.add(link);
            held.add(link);
        }
        WebSocketLink refused = held.get(held.size() - 1);
        CloseReason closed = refused.closed.get(30, TimeUnit.SECONDS);
        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, closed.getCloseCode(), closed.toString());
        assertTrue(refusals.stream().anyMatch(frame -> frame.contains("\"code\":\"too-many-connections\"")),
                "told why: " + refusals);

        held.get(0).close();
        for (int attempt = 1; ; attempt++) { // the server counts the closed one out when its close arrives
            BlockingQueue<String> frames = new LinkedBlockingQueue<>();
            WebSocketLink again = WebSocketLink.open(websockets, webSocket(), origin(), frames::add);
            links.add(again);
            again.sendRaw("{\"type\":\"join\",\"clientId\":\"again\"}");
            String frame = next(frames);
            if (frame.contains("\"type\":\"welcome\"")) {
                break;
            }
            assertTrue(frame.contains("too-many-connections") && attempt < 20, frame);
            Thread.sleep(100);
        }
    }

    /** Polls until an answer brings messages; adds them, returns the frame number to acknowledge next. */
    private long pollMessages(String session, long ack, List<JsonObject> into) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(request("lp/docs/" + docId + "?ack=" + ack, session).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonObject answer = json(response.body());
            if (!answer.getJsonArray("messages").isEmpty()) {
                answer.getJsonArray("messages").forEach(message -> into.add(message.asJsonObject()));
                return answer.getJsonNumber("seq").longValue();
            }
        }
        throw new AssertionError("no answer with messages");
    }

    private HttpResponse<String> post(String session, String body) throws Exception {
        return http.send(request("lp/docs/" + docId, session).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject postJson(String session, String body) throws Exception {
        HttpResponse<String> response = post(session, body);
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path, null).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String session) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Origin", origin());
        if (session != null) {
            request.header("Tandem-Session", session);
        }
        return request;
    }

    private static String next(BlockingQueue<String> frames) throws InterruptedException {
        String frame = frames.poll(30, TimeUnit.SECONDS);
        assertNotNull(frame, "no answer within 30 s");
        return frame;
    }

    /** The code of the next error the server sends, past any other message (someone joining). */
    private static String nextError(BlockingQueue<String> frames) throws InterruptedException {
        while (true) {
            JsonValue value = JsonProviderHolder.PROVIDER.createReader(new StringReader(next(frames))).readValue();
            List<JsonObject> messages = value instanceof JsonObject object ? List.of(object)
                    : value.asJsonArray().getValuesAs(JsonObject.class);
            for (JsonObject message : messages) {
                if (message.getString("type").equals("error")) {
                    return message.getString("code");
                }
            }
        }
    }

    private static JsonObject json(String text) {
        return JsonProviderHolder.PROVIDER.createReader(new StringReader(text)).readObject();
    }
}
