package dev.tandem.protocol;

import dev.tandem.ot.MalformedOperationException;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * JSON text to messages and back, with JSON-B. Thread-safe; one instance serves everybody.
 * A frame from the server holds one message object, or an array of them when several were waiting
 * for the same recipient.
 */
public final class MessageCodec {
    /** Looked up once: {@code Json.create*} looks the provider up on every call, a class-path scan. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** {@code List<ServerMessage>}, for a frame that batches several messages. */
    private static final Type MESSAGE_LIST = new ArrayList<ServerMessage>() { }.getClass().getGenericSuperclass();

    private static final Set<String> CLIENT_TYPES = Set.of("join", "edit", "selection", "leave");

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .withSerializers(new OperationAdapter.Writer())
            .withDeserializers(new OperationAdapter.Reader()));

    public String encode(ServerMessage message) {
        return jsonb.toJson(message);
    }

    /** For clients: a message to send. */
    public String encode(ClientMessage message) {
        return jsonb.toJson(message);
    }

    /** For clients: the messages of one frame from the server, in order. */
    public List<ServerMessage> decodeFrame(String frame) {
        if (frame.startsWith("[")) {
            // read in one pass: a batch is as many messages as the recipient missed while busy
            return jsonb.fromJson(frame, MESSAGE_LIST);
        }
        return List.of(jsonb.fromJson(frame, ServerMessage.class));
    }

    /** One frame carrying several encoded messages, in order. */
    public static String batch(List<String> encoded) {
        return encoded.size() == 1 ? encoded.get(0) : "[" + String.join(",", encoded) + "]";
    }

    /**
     * Reads a client message.
     *
     * @throws ProtocolException with a code and a message that says what is wrong
     */
    public ClientMessage decode(String json) throws ProtocolException {
        try {
            return jsonb.fromJson(json, ClientMessage.class);
        } catch (JsonbException | JsonException e) {
            throw explain(json, e);
        }
    }

    /** Works out, on the error path only, why a message could not be read. */
    private static ProtocolException explain(String json, RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MalformedOperationException bad) {
                return new ProtocolException(ErrorCode.BAD_OPERATION, bad.getMessage());
            }
            if (cause instanceof IllegalArgumentException invalid && cause.getClass() == IllegalArgumentException.class) {
                return new ProtocolException(ErrorCode.MALFORMED_MESSAGE, invalid.getMessage());
            }
        }
        JsonValue value;
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            return new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "not valid JSON");
        }
        if (!(value instanceof JsonObject object)) {
            return new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "a message must be a JSON object");
        }
        if (!(object.get("type") instanceof JsonString type)) {
            return new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "a message needs a \"type\" string");
        }
        if (!CLIENT_TYPES.contains(type.getString())) {
            return new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                    "unknown message type \"" + type.getString() + "\"; expected one of join, edit, selection, leave");
        }
        if (object.get("op") != null && !(object.get("op") instanceof JsonArray)) {
            return new ProtocolException(ErrorCode.BAD_OPERATION, "an operation must be an array");
        }
        return new ProtocolException(ErrorCode.MALFORMED_MESSAGE,
                "a \"" + type.getString() + "\" message with missing or mistyped fields (see docs/protocol.md)");
    }
}
