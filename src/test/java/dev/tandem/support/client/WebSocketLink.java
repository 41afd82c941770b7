package dev.tandem.support.client;

import dev.tandem.protocol.ClientMessage;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.glassfish.tyrus.client.ClientManager;

/** A WebSocket connection to {@code /ws/docs/{id}} that feeds an {@link OtClient}. */
public final class WebSocketLink extends Endpoint {
    private static final ClientCodec CODEC = new ClientCodec();

    private final Consumer<String> onFrame;
    private Session session;
    public final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

    private WebSocketLink(Consumer<String> onFrame) {
        this.onFrame = onFrame;
    }

    /** Connects {@code client} (whose sender should call {@link #send}) and returns the link. */
    public static WebSocketLink connect(ClientManager manager, URI uri, String origin, OtClient client)
            throws IOException, DeploymentException {
        return open(manager, uri, origin, frame -> CODEC.decodeFrame(frame).forEach(client::receive));
    }

    /** A raw connection: every frame the server sends goes to {@code onFrame}. */
    public static WebSocketLink open(ClientManager manager, URI uri, String origin, Consumer<String> onFrame)
            throws IOException, DeploymentException {
        return open(manager, uri, origin, null, onFrame);
    }

    /** {@link #connect}, with the session cookie of someone signed in (null: a guest). */
    public static WebSocketLink connect(ClientManager manager, URI uri, String origin, String cookie, OtClient client)
            throws IOException, DeploymentException {
        return open(manager, uri, origin, cookie, frame -> CODEC.decodeFrame(frame).forEach(client::receive));
    }

    /** {@link #open}, with the session cookie of someone signed in (null: a guest). */
    public static WebSocketLink open(ClientManager manager, URI uri, String origin, String cookie,
            Consumer<String> onFrame) throws IOException, DeploymentException {
        WebSocketLink link = new WebSocketLink(onFrame);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("tandem.v1"))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        if (origin != null) {
                            headers.put("Origin", List.of(origin));
                        }
                        if (cookie != null) {
                            headers.put("Cookie", List.of(cookie));
                        }
                    }
                })
                .build();
        link.session = manager.connectToServer(link, config, uri);
        return link;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) onFrame::accept);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        closed.complete(reason);
    }

    public String subprotocol() {
        return session.getNegotiatedSubprotocol();
    }

    public void send(ClientMessage message) {
        sendRaw(CODEC.encode(message));
    }

    public synchronized void sendRaw(String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException | RuntimeException e) {
            // the connection is closing (and Tyrus's client may have stopped its timers already);
            // the client resends after reconnecting
        }
    }

    public void close() throws IOException {
        session.close();
    }
}
