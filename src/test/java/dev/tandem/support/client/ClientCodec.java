package dev.tandem.support.client;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.MessageScanner;
import dev.tandem.protocol.OperationJson;
import dev.tandem.protocol.ServerMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The client's side of the wire: client messages written, the server's frames read. Thread-safe. */
public final class ClientCodec {
    private static final Map<String, Class<? extends ServerMessage>> SERVER_KINDS = MessageScanner.kinds(ServerMessage.class);
    /** {@code List<ServerMessage>}, for a frame that batches several messages. */
    private static final Type MESSAGE_LIST = new ArrayList<ServerMessage>() { }.getClass().getGenericSuperclass();

    private final Jsonb jsonb = JsonbBuilder.create(OperationJson.config());

    public String encode(ClientMessage message) {
        return jsonb.toJson(message);
    }

    /** The messages of one frame from the server, in order. */
    public List<ServerMessage> decodeFrame(String frame) {
        return decodeFrame(frame, null);
    }

    /**
     * As {@link #decodeFrame(String)}, taking each message read before from the same text from
     * {@code alreadyRead} and adding the others to it: for a process that runs many clients of
     * one document, such as a load generator, where every client receives the same broadcasts.
     * Messages are immutable, so clients can share them.
     */
    public List<ServerMessage> decodeFrame(String frame, Map<String, ServerMessage> alreadyRead) {
        // each message straight to its kind: a busy client reads every other participant's
        // edits, and JSON-B choosing the kinds itself took most of its time
        List<MessageScanner.Found> found = MessageScanner.scan(frame);
        if (found == null) {
            return decodeByJsonb(frame);
        }
        List<ServerMessage> messages = new ArrayList<>(found.size());
        for (MessageScanner.Found one : found) {
            Class<? extends ServerMessage> kind = one.type() == null ? null : SERVER_KINDS.get(one.type());
            if (kind == null) {
                return decodeByJsonb(frame); // which says what is wrong with it
            }
            ServerMessage message = alreadyRead == null ? null : alreadyRead.get(one.text());
            if (message == null) {
                message = jsonb.fromJson(one.text(), kind);
                if (alreadyRead != null) {
                    alreadyRead.put(one.text(), message);
                }
            }
            messages.add(message);
        }
        return messages;
    }

    private List<ServerMessage> decodeByJsonb(String frame) {
        if (frame.startsWith("[")) {
            return jsonb.fromJson(frame, MESSAGE_LIST);
        }
        return List.of(jsonb.fromJson(frame, ServerMessage.class));
    }
}
