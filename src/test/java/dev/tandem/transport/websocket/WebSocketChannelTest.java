package dev.tandem.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tandem.support.server.FreePorts;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Frames sent through a Tyrus server's session, as a Tyrus client receives them. */
class WebSocketChannelTest {
    private static final BlockingQueue<Session> OPENED = new SynchronousQueue<>();

    /** Hands each server-side session to the test. */
    @ServerEndpoint("/sink")
    public static class Sink {
        @OnOpen
        public void open(Session session) throws InterruptedException {
            OPENED.put(session);
        }
    }

    private static Server server;
    private static ClientManager client;
    private static URI uri;

    @BeforeAll
    static void start() throws Exception {
        int port = FreePorts.take();
        server = new Server("127.0.0.1", port, "/", null, Sink.class);
        server.start();
        client = ClientManager.createClient();
        uri = URI.create("ws://127.0.0.1:" + port + "/sink");
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        server.stop();
    }

    /** A connected client that queues what it receives, and the server's session of it. */
    private record Connected(Session client, Session server, BlockingQueue<String> received) {
    }

    private static Connected connect() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Session session = client.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.setMaxTextMessageBufferSize(1 << 22);
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
            }
        }, ClientEndpointConfig.Builder.create().build(), uri);
        return new Connected(session, OPENED.poll(10, TimeUnit.SECONDS), received);
    }

    @Test
    void framesBuiltOnceArriveAsSentOfEveryLengthAndScript() throws Exception {
        Connected connected = connect();
        assertNotNull(RawFrames.of(connected.server()), "on Tyrus, frames are handed over built");
        WebSocketChannel channel = new WebSocketChannel(connected.server());
        List<String> texts = List.of("", "a", "x".repeat(125), "x".repeat(126), "é".repeat(63) + "x",
                "ü".repeat(32_767) + "x", "y".repeat(65_535), "z".repeat(65_536), "日本語 👩‍💻 text".repeat(20_000),
                "{\"type\":\"edit\",\"ops\":[3,\"🙂\"]}");
        for (String text : texts) {
            CompletableFuture<Throwable> done = new CompletableFuture<>();
            channel.send(text, done::complete);
            assertNull(done.get(10, TimeUnit.SECONDS), "sent without failure");
        }
        for (String text : texts) {
            assertEquals(text, connected.received().poll(10, TimeUnit.SECONDS));
        }
        connected.client().close();
    }

    @Test
    void oneBroadcastReachesManyFromTheSameBytes() throws Exception {
        List<Connected> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(connect());
        }
        String broadcast = "[{\"type\":\"edit\",\"revision\":7,\"ops\":[\"ça\"]},{\"type\":\"ack\",\"revision\":8}]";
        assertEquals(TextFrames.of(new String(broadcast)), TextFrames.of(new String(broadcast)), "built once");
        List<CompletableFuture<Throwable>> results = new ArrayList<>();
        for (Connected connected : all) {
            CompletableFuture<Throwable> done = new CompletableFuture<>();
            results.add(done);
            new WebSocketChannel(connected.server()).send(new String(broadcast), done::complete);
        }
        for (CompletableFuture<Throwable> done : results) {
            assertNull(done.get(10, TimeUnit.SECONDS));
        }
        for (Connected connected : all) {
            assertEquals(broadcast, connected.received().poll(10, TimeUnit.SECONDS));
            connected.client().close();
        }
    }

    @Test
    void aClosedSessionReportsTheFailure() throws Exception {
        Connected connected = connect();
        WebSocketChannel channel = new WebSocketChannel(connected.server());
        connected.server().close();
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        channel.send("late", done::complete);
        assertNotNull(done.get(10, TimeUnit.SECONDS));

        CompletableFuture<Throwable> afterwards = new CompletableFuture<>();
        new WebSocketChannel(connected.server()).send("later", afterwards::complete);
        assertNotNull(afterwards.get(10, TimeUnit.SECONDS), "a channel made for a closed session says so when it sends");
    }
}
