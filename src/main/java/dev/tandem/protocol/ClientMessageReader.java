package dev.tandem.protocol;

import dev.tandem.ot.MalformedOperationException;
import dev.tandem.ot.WireForm;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads one client message strictly, with JSON-P's streaming parser: exactly one JSON object with
 * nothing after it, every field of its kind with its JSON type (no string taken for a number, no
 * fraction or out-of-range number rounded or wrapped), no key twice, nothing nested deeper than
 * the protocol nests. JSON-B reads leniently (it takes "1" and 1.5 for 1, wraps 2^64 + 1 to 1,
 * reads the first element of an array, ignores what follows the object), so client messages are
 * not read with it. Keys a kind does not know are skipped, for clients newer than the server.
 * Not recursive, and every skip ends with the text ({@link JsonSkipping}): no input can exhaust
 * the stack or hold the thread.
 */
final class ClientMessageReader {
    private static final Map<String, Class<? extends ClientMessage>> KINDS = MessageScanner.kinds(ClientMessage.class);
    /** Longer than any long: refused before it is turned into a number. */
    private static final int MAX_NUMBER_LENGTH = 20;

    private final String text;
    private final JsonParser parser;
    private final Set<String> keys = new HashSet<>();

    private ClientMessageReader(String text, JsonParser parser) {
        this.text = text;
        this.parser = parser;
    }

    /**
     * The message {@code text} is.
     *
     * @throws ProtocolException with a code and a message that says what is wrong
     */
    static ClientMessage read(String text) throws ProtocolException {
        try (JsonParser parser = JsonProviderHolder.PROVIDER.createParser(new StringReader(text))) {
            return new ClientMessageReader(text, parser).message();
        } catch (MalformedOperationException bad) {
            throw new ProtocolException(ErrorCode.BAD_OPERATION, bad.getMessage());
        } catch (JsonException | IllegalStateException | NoSuchElementException unreadable) {
            throw malformed("not valid JSON");
        } catch (RuntimeException refused) {
            if (refused.getClass() == IllegalArgumentException.class) { // a record's own check
                throw malformed(refused.getMessage());
            }
            // the parser's own limits (Parsson throws a bare RuntimeException past 1,000 levels)
            throw malformed("not valid JSON, or nested deeper than it may be");
        }
    }

    private ClientMessage message() throws ProtocolException {
        if (parser.next() != Event.START_OBJECT) {
            skipRest();
            throw malformed("a message must be a JSON object");
        }
        String type = MessageScanner.typeOf(text);
        if (type == null) {
            skipRest();
            throw malformed("a message needs a \"type\" string");
        }
        Class<? extends ClientMessage> kind = KINDS.get(type);
        if (kind == null) {
            skipRest();
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                    "unknown message type \"" + type + "\"; expected one of join, edit, selection, leave, chat");
        }
        ClientMessage message;
        if (kind == ClientMessage.Join.class) {
            message = join();
        } else if (kind == ClientMessage.Edit.class) {
            message = edit();
        } else if (kind == ClientMessage.Selection.class) {
            message = selection();
        } else if (kind == ClientMessage.Chat.class) {
            message = chat();
        } else {
            skipFields();
            message = new ClientMessage.Leave();
        }
        if (parser.hasNext()) {
            throw malformed("a message is one JSON object, with nothing after it");
        }
        return message;
    }

    private ClientMessage.Join join() throws ProtocolException {
        String clientId = null;
        String name = null;
        String color = null;
        Long lastSeenRevision = null;
        String clientSecret = null;
        String link = null;
        for (String key = nextKey(); key != null; key = nextKey()) {
            Event value = parser.next();
            switch (key) {
                case "clientId" -> clientId = string(key, value, false);
                case "clientSecret" -> clientSecret = string(key, value, true);
                case "link" -> link = string(key, value, true);
                case "name" -> name = string(key, value, true);
                case "color" -> color = string(key, value, true);
                case "lastSeenRevision" -> lastSeenRevision = value == Event.VALUE_NULL ? null : integer(key, value, 0, Long.MAX_VALUE);
                default -> skip(value);
            }
        }
        return new ClientMessage.Join(clientId, name, color, lastSeenRevision, clientSecret, link);
    }

    private ClientMessage.Edit edit() throws ProtocolException {
        Long revision = null;
        Long seq = null;
        List<Object> op = null;
        for (String key = nextKey(); key != null; key = nextKey()) {
            Event value = parser.next();
            switch (key) {
                case "revision" -> revision = integer(key, value, 0, Long.MAX_VALUE);
                case "seq" -> seq = integer(key, value, 1, Long.MAX_VALUE);
                case "op" -> op = operation(value);
                default -> skip(value);
            }
        }
        if (op == null) {
            throw malformed("edit needs an op");
        }
        if (revision == null || seq == null) {
            throw malformed("edit needs a revision and a seq");
        }
        return new ClientMessage.Edit(revision, seq, WireForm.parse(op));
    }

    private ClientMessage.Selection selection() throws ProtocolException {
        Long revision = null;
        List<Range> ranges = List.of();
        for (String key = nextKey(); key != null; key = nextKey()) {
            Event value = parser.next();
            switch (key) {
                case "revision" -> revision = integer(key, value, 0, Long.MAX_VALUE);
                case "ranges" -> ranges = ranges(value);
                default -> skip(value);
            }
        }
        if (revision == null) {
            throw malformed("selection needs a revision");
        }
        return new ClientMessage.Selection(revision, ranges);
    }

    private ClientMessage.Chat chat() throws ProtocolException {
        String said = null;
        for (String key = nextKey(); key != null; key = nextKey()) {
            Event value = parser.next();
            if (key.equals("text")) {
                said = string(key, value, false);
            } else {
                skip(value);
            }
        }
        return new ClientMessage.Chat(said);
    }

    /** An operation's components, for {@link WireForm#parse}, which says what is wrong with them. */
    private List<Object> operation(Event value) {
        if (value != Event.START_ARRAY) {
            skip(value);
            throw new MalformedOperationException("an operation must be an array");
        }
        List<Object> components = new ArrayList<>();
        for (Event event = parser.next(); event != Event.END_ARRAY; event = parser.next()) {
            switch (event) {
                case VALUE_NUMBER -> {
                    if (parser.getString().length() > MAX_NUMBER_LENGTH) {
                        throw new MalformedOperationException("operation component " + components.size()
                                + ": a number of " + parser.getString().length() + " characters is not an integer in range");
                    }
                    components.add(parser.getBigDecimal());
                }
                case VALUE_STRING -> components.add(parser.getString());
                case VALUE_TRUE, VALUE_FALSE -> components.add(event == Event.VALUE_TRUE);
                case VALUE_NULL -> components.add(null);
                case START_ARRAY -> {
                    JsonSkipping.skip(parser, event);
                    components.add(List.of());
                }
                default -> {
                    JsonSkipping.skip(parser, event);
                    components.add(Map.of());
                }
            }
        }
        return components;
    }

    private List<Range> ranges(Event value) throws ProtocolException {
        if (value == Event.VALUE_NULL) {
            return List.of();
        }
        if (value != Event.START_ARRAY) {
            skip(value);
            throw malformed("\"ranges\" must be an array of {\"anchor\": n, \"head\": n}");
        }
        List<Range> ranges = new ArrayList<>();
        for (Event event = parser.next(); event != Event.END_ARRAY; event = parser.next()) {
            if (event != Event.START_OBJECT || ranges.size() == ClientMessage.MAX_RANGES) {
                skip(event);
                throw malformed(event != Event.START_OBJECT
                        ? "\"ranges\" must be an array of {\"anchor\": n, \"head\": n}"
                        : "at most " + ClientMessage.MAX_RANGES + " ranges in a selection");
            }
            ranges.add(range());
        }
        return ranges;
    }

    /** The object the parser has just entered, as a range. */
    private Range range() throws ProtocolException {
        Long anchor = null;
        Long head = null;
        Set<String> seen = new HashSet<>();
        for (Event event = parser.next(); event == Event.KEY_NAME; event = parser.next()) {
            String key = parser.getString();
            if (!seen.add(key)) {
                throw malformed("the key \"" + key + "\" appears twice in a range");
            }
            Event value = parser.next();
            switch (key) {
                case "anchor" -> anchor = integer(key, value, 0, Integer.MAX_VALUE);
                case "head" -> head = integer(key, value, 0, Integer.MAX_VALUE);
                default -> skip(value);
            }
        }
        if (anchor == null || head == null) {
            throw malformed("a range needs an anchor and a head");
        }
        return new Range(anchor.intValue(), head.intValue());
    }

    /** The next key of the message's object, or null at its end; a key seen before is refused. */
    private String nextKey() throws ProtocolException {
        if (parser.next() != Event.KEY_NAME) {
            return null;
        }
        String key = parser.getString();
        if (!keys.add(key)) {
            throw malformed("the key \"" + key + "\" appears twice");
        }
        return key;
    }

    private String string(String key, Event value, boolean nullable) throws ProtocolException {
        if (value == Event.VALUE_STRING) {
            return parser.getString();
        }
        if (nullable && value == Event.VALUE_NULL) {
            return null;
        }
        skip(value);
        throw malformed("\"" + key + "\" must be a string");
    }

    private long integer(String key, Event value, long min, long max) throws ProtocolException {
        if (value == Event.VALUE_NUMBER && parser.getString().length() <= MAX_NUMBER_LENGTH && parser.isIntegralNumber()) {
            BigDecimal number = parser.getBigDecimal();
            if (number.compareTo(BigDecimal.valueOf(min)) >= 0 && number.compareTo(BigDecimal.valueOf(max)) <= 0) {
                return number.longValueExact();
            }
        }
        skip(value);
        throw malformed("\"" + key + "\" must be an integer from " + min + " to " + max);
    }

    /** Skips the rest of the message's object. */
    private void skipFields() throws ProtocolException {
        for (String key = nextKey(); key != null; key = nextKey()) {
            skip(parser.next());
        }
    }

    /** Skips the value that begins with {@code event}. */
    private void skip(Event event) {
        JsonSkipping.skip(parser, event);
    }

    /**
     * Reads to the end, so that text that is not JSON at all is said to be so rather than
     * something more particular.
     */
    private void skipRest() {
        while (parser.hasNext()) {
            parser.next();
        }
    }

    private static ProtocolException malformed(String message) {
        return new ProtocolException(ErrorCode.MALFORMED_MESSAGE, message);
    }
}
