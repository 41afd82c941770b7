package dev.tandem.transport.websocket;

import dev.tandem.access.People;
import dev.tandem.collab.Connection;
import dev.tandem.collab.DocumentRegistry;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ProtocolException;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /ws/docs/{docId}}: one connection to one document. Hands each message, as text, to the
 * collaboration service's {@link Connection}; everything else happens there.
 */
@ServerEndpoint(value = "/ws/docs/{docId}", subprotocols = "tandem.v1")
public class DocumentEndpoint {
    private static final Logger LOG = Logger.getLogger(DocumentEndpoint.class.getName());
    private static final MessageCodec CODEC = new MessageCodec();

    @Inject
    DocumentRegistry registry;

    @Inject
    Liveness liveness;

    @Inject
    ConnectionsPerAddress perAddress;

    @Inject
    People people;

    private Connection connection;

    private Session session;

    /** The address this connection is counted against, once counted. */
    private String countedAddress;
    /** Whether this connection is counted (its address may be unknown: null). */
    private boolean counted;

    @OnOpen
    public void open(Session session, @PathParam("docId") String documentId) {
        this.session = session;
        WebSocketChannel channel = new WebSocketChannel(session);
        String address = RemoteAddress.of(session);
        if (!perAddress.take(address)) {
            refuse(channel, new ProtocolException(ErrorCode.TOO_MANY_CONNECTIONS, "this server takes at most "
                    + perAddress.max() + " connections from your address at once: try again later", true));
            return;
        }
        counted = true;
        countedAddress = address;
        session.addMessageHandler(PongMessage.class, pong -> liveness.heard(session));
        liveness.watch(session);
        Optional<DocumentId> id = DocumentId.parse(documentId);
        if (id.isPresent()) {
            connection = registry.connect(id.get(), channel, address, people.of(session.getUserPrincipal()));
        } else {
            channel.close(CloseCode.POLICY, DocumentId.RULE_TEXT);
        }
    }

    /** No message, whatever the configuration, is buffered beyond this. */
    private static final int HARD_MESSAGE_LIMIT = 4 * 1024 * 1024;

    @OnMessage(maxMessageSize = HARD_MESSAGE_LIMIT)
    public void message(String text) {
        if (connection == null) {
            return;
        }
        liveness.heard(session);
        connection.receive(text);
    }

    /** Says why, then closes: the error first, so that the client knows not to fall back to long polling. */
    private static void refuse(WebSocketChannel channel, ProtocolException refusal) {
        channel.send(CODEC.encode(refusal.toMessage()), failed -> channel.close(refusal.code().closeCode(),
                refusal.getMessage()));
    }

    @OnClose
    public void close() {
        if (counted) {
            perAddress.release(countedAddress);
            counted = false;
        }
        liveness.forget(session);
        if (connection != null) {
            connection.closed();
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "WebSocket error on " + session.getId(), failure);
    }
}
