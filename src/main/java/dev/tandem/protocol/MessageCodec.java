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
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

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

    /** The client's message kinds by their {@code type}, as {@link ClientMessage} declares them. */
    private static final Map<String, Class<? extends ClientMessage>> CLIENT_TYPES = clientTypes();

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
            // straight to the kind the type names: to choose the kind itself, JSON-B reads the
            // message into a tree, then reads the tree (docs/benchmarks.md: 40 to 60% more time)
            Class<? extends ClientMessage> kind = declaredType(json);
            return jsonb.fromJson(json, kind == null ? ClientMessage.class : kind);
        } catch (JsonbException | JsonException e) {
            throw explain(json, e);
        }
    }

    /**
     * The kind named by a message's top-level {@code type}, read up to that key only (clients put
     * it first); null if the text says no such thing, so that JSON-B explains what is wrong.
     */
    private static Class<? extends ClientMessage> declaredType(String json) {
        try (JsonParser parser = JSON.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return null;
            }
            while (parser.hasNext() && parser.next() == JsonParser.Event.KEY_NAME) {
                boolean type = parser.getString().equals("type");
                JsonParser.Event value = parser.next();
                if (type) {
                    return value == JsonParser.Event.VALUE_STRING ? CLIENT_TYPES.get(parser.getString()) : null;
                }
                if (value == JsonParser.Event.START_OBJECT) {
                    parser.skipObject();
                } else if (value == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
            }
            return null;
        } catch (JsonException | IllegalStateException | NoSuchElementException malformed) {
            return null;
        }
    }

    private static Map<String, Class<? extends ClientMessage>> clientTypes() {
        Map<String, Class<? extends ClientMessage>> types = new HashMap<>();
        for (JsonbSubtype subtype : ClientMessage.class.getAnnotation(JsonbTypeInfo.class).value()) {
            types.put(subtype.alias(), subtype.type().asSubclass(ClientMessage.class));
        }
        return Map.copyOf(types);
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
        if (!CLIENT_TYPES.containsKey(type.getString())) {
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
