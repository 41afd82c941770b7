package dev.tandem.transport.websocket;

import dev.tandem.collab.Connection;
import dev.tandem.collab.DocumentRegistry;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.DocumentId;
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

    @Inject
    DocumentRegistry registry;

    @Inject
    Liveness liveness;

    private Connection connection;

    private Session session;

    @OnOpen
    public void open(Session session, @PathParam("docId") String documentId) {
        this.session = session;
        WebSocketChannel channel = new WebSocketChannel(session);
        session.addMessageHandler(PongMessage.class, pong -> liveness.heard(session));
        liveness.watch(session);
        Optional<DocumentId> id = DocumentId.parse(documentId);
        if (id.isPresent()) {
            connection = registry.connect(id.get(), channel, RemoteAddress.of(session));
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

    @OnClose
    public void close() {
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
