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
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * The server's side of the wire, with JSON-B: client messages read, server messages and history
 * answers written. Thread-safe; one instance serves everybody. A frame from the server holds one
 * message object, or an array of them when several were waiting for the same recipient.
 */
public final class MessageCodec {
    /** The message kinds by their {@code type}, as {@link ClientMessage} declares them. */
    private static final Map<String, Class<? extends ClientMessage>> CLIENT_KINDS = MessageScanner.kinds(ClientMessage.class);

    private final Jsonb jsonb = JsonbBuilder.create(OperationJson.config());

    public String encode(ServerMessage message) {
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
     * Reads a client message.
     *
     * @throws ProtocolException with a code and a message that says what is wrong
     */
    public ClientMessage decode(String json) throws ProtocolException {
        return decode(new MessageText(json, kind(MessageScanner.typeOf(json))));
    }

    /**
     * Reads a client message whose kind was found before.
     *
     * @throws ProtocolException with a code and a message that says what is wrong
     */
    public ClientMessage decode(MessageText message) throws ProtocolException {
        try {
            return jsonb.fromJson(message.text(), message.kind() == null ? ClientMessage.class : message.kind());
        } catch (JsonbException | JsonException e) {
            throw explain(message.text(), e);
        }
    }

    /**
     * The messages of a request that carries one message or a JSON array of them, each with its
     * kind, found in one streaming pass. Text that is not a well-formed array counts as one
     * message, which {@link #decode(MessageText)} then refuses with the reason.
     */
    public List<MessageText> split(String body) {
        if (body.stripLeading().startsWith("[")) {
            List<MessageScanner.Found> elements = MessageScanner.scan(body);
            if (elements != null) {
                return elements.stream().map(found -> new MessageText(found.text(), kind(found.type()))).toList();
            }
        }
        return List.of(new MessageText(body, kind(MessageScanner.typeOf(body))));
    }

    private static Class<? extends ClientMessage> kind(String type) {
        return type == null ? null : CLIENT_KINDS.get(type);
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
        try (JsonReader reader = JsonProviderHolder.PROVIDER.createReader(new StringReader(json))) {
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
        if (!CLIENT_KINDS.containsKey(type.getString())) {
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
