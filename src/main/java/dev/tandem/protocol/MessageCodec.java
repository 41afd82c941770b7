package dev.tandem.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;

/**
 * The server's side of the wire: client messages read strictly, server messages and history
 * answers written with JSON-B. Thread-safe; one instance serves everybody. A frame from the server
 * holds one message object, or an array of them when several were waiting for the same recipient.
 */
public final class MessageCodec {
    private final Jsonb jsonb = JsonbBuilder.create(OperationJson.config());

    public String encode(ServerMessage message) {
        return jsonb.toJson(message);
    }

    /** A client message as a client sends it: what a node forwards to the node that orders its document. */
    public String encode(ClientMessage message) {
        return jsonb.toJson(message);
    }

    public String encode(HistoryAnswer answer) {
        return jsonb.toJson(answer);
    }

    /** One frame carrying several encoded messages, in order. */
    public static String batch(List<String> encoded) {
        return encoded.size() == 1 ? encoded.get(0) : "[" + String.join(",", encoded) + "]";
    }

    /**
     * Reads a client message, strictly (see {@link ClientMessageReader}).
     *
     * @throws ProtocolException with a code and a message that says what is wrong
     */
    public ClientMessage decode(String json) throws ProtocolException {
        return ClientMessageReader.read(json);
    }

    /**
     * The messages of a request that carries one message or a JSON array of them, in order, found
     * in one streaming pass. Text that is not a well-formed array counts as one message, which
     * {@link #decode} then refuses with the reason.
     */
    public List<String> split(String body) {
        if (body.stripLeading().startsWith("[")) {
            List<MessageScanner.Found> elements = MessageScanner.scan(body);
            if (elements != null) {
                return elements.stream().map(MessageScanner.Found::text).toList();
            }
        }
        return List.of(body);
    }
}
