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

    /** The message kinds by their {@code type}, as {@link ClientMessage} and {@link ServerMessage} declare them. */
    private static final Map<String, Class<? extends ClientMessage>> CLIENT_TYPES = subtypes(ClientMessage.class);
    private static final Map<String, Class<? extends ServerMessage>> SERVER_TYPES = subtypes(ServerMessage.class);

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
        return decodeFrame(frame, null);
    }

    /**
     * As {@link #decodeFrame(String)}, taking each message read before from the same text from
     * {@code alreadyRead} and adding the others to it: for a process that runs many clients of
     * one document, such as a load generator, where every client receives the same broadcasts.
     * Messages are immutable, so clients can share them.
     */
    public List<ServerMessage> decodeFrame(String frame, Map<String, ServerMessage> alreadyRead) {
        // each message straight to its kind, as in decode(): a busy client reads every other
        // participant's edits, and JSON-B choosing the kinds itself took most of its time
        List<ServerMessage> messages = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(new StringReader(frame))) {
            JsonParser.Event event = parser.next();
            if (event == JsonParser.Event.START_OBJECT) {
                ServerMessage message = readServerMessage(frame, parser, alreadyRead);
                if (message == null) {
                    return decodeFrameByJsonb(frame);
                }
                messages.add(message);
            } else if (event == JsonParser.Event.START_ARRAY) {
                while ((event = parser.next()) == JsonParser.Event.START_OBJECT) {
                    ServerMessage message = readServerMessage(frame, parser, alreadyRead);
                    if (message == null) {
                        return decodeFrameByJsonb(frame);
                    }
                    messages.add(message);
                }
                if (event != JsonParser.Event.END_ARRAY) {
                    return decodeFrameByJsonb(frame); // an element that is no message
                }
            } else {
                return decodeFrameByJsonb(frame);
            }
            if (parser.hasNext()) {
                return decodeFrameByJsonb(frame); // something after it
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException unusual) {
            return decodeFrameByJsonb(frame); // which says what is wrong with it
        }
        return messages;
    }

    /**
     * The message whose object the parser has just entered, the parser left at its end; null if it
     * has no known type or the parser cannot say where it is: JSON-B's own reading then says why.
     */
    private ServerMessage readServerMessage(String frame, JsonParser parser, Map<String, ServerMessage> alreadyRead) {
        long start = parser.getLocation().getStreamOffset() - 1;
        String type = topLevelType(parser, true);
        Class<? extends ServerMessage> kind = type == null ? null : SERVER_TYPES.get(type);
        long end = parser.getLocation().getStreamOffset();
        if (kind == null || start < 0 || end <= start) {
            return null;
        }
        String text = frame.substring((int) start, (int) end);
        ServerMessage message = alreadyRead == null ? null : alreadyRead.get(text);
        if (message == null) {
            message = jsonb.fromJson(text, kind);
            if (alreadyRead != null) {
                alreadyRead.put(text, message);
            }
        }
        return message;
    }

    private List<ServerMessage> decodeFrameByJsonb(String frame) {
        if (frame.startsWith("[")) {
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
            String type = topLevelType(parser, false);
            return type == null ? null : CLIENT_TYPES.get(type);
        } catch (JsonException | IllegalStateException | NoSuchElementException malformed) {
            return null;
        }
    }

    /**
     * The string value of the first top-level {@code type} key of the object the parser has just
     * entered, or null; nested objects' keys do not count. With {@code toEnd} the parser is left at
     * the object's end, else just after that value.
     */
    private static String topLevelType(JsonParser parser, boolean toEnd) {
        String type = null;
        boolean seen = false;
        while (parser.next() == JsonParser.Event.KEY_NAME) {
            boolean first = !seen && parser.getString().equals("type");
            JsonParser.Event value = parser.next();
            if (first) {
                seen = true;
                type = value == JsonParser.Event.VALUE_STRING ? parser.getString() : null;
                if (!toEnd) {
                    return type;
                }
            }
            if (value == JsonParser.Event.START_OBJECT) {
                parser.skipObject();
            } else if (value == JsonParser.Event.START_ARRAY) {
                parser.skipArray();
            }
        }
        return type;
    }

    private static <T> Map<String, Class<? extends T>> subtypes(Class<T> base) {
        Map<String, Class<? extends T>> types = new HashMap<>();
        for (JsonbSubtype subtype : base.getAnnotation(JsonbTypeInfo.class).value()) {
            types.put(subtype.alias(), subtype.type().asSubclass(base));
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
