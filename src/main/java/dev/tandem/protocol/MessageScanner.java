package dev.tandem.protocol;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds messages in JSON text with a streaming parser, without building values: where each
 * message begins and ends, and its top-level {@code type}. Reading a message is then JSON-B's
 * work, straight to the kind its type names: asked to choose the kind itself, JSON-B reads each
 * message into a tree and then reads the tree (docs/benchmarks.md).
 */
public final class MessageScanner {
    private MessageScanner() {
    }

    /** One value found: its text, and its top-level {@code type} if it is an object with a string one. */
    public record Found(String text, String type) {
    }

    /**
     * The values in {@code text}: the one object it is, or each element of the array it is, in
     * order; null if it is neither, or not well-formed JSON, or the parser cannot say where
     * values are.
     */
    public static List<Found> scan(String text) {
        try (JsonParser parser = JsonProviderHolder.PROVIDER.createParser(new StringReader(text))) {
            JsonParser.Event event = parser.next();
            List<Found> found = new ArrayList<>();
            if (event == JsonParser.Event.START_OBJECT) {
                long start = offset(parser) - 1;
                String type = topLevelType(parser, true);
                found.add(new Found(text.substring(checked(start), checked(offset(parser))), type));
            } else if (event == JsonParser.Event.START_ARRAY) {
                long end = offset(parser);
                while ((event = parser.next()) != JsonParser.Event.END_ARRAY) {
                    String type = null;
                    if (event == JsonParser.Event.START_OBJECT) {
                        type = topLevelType(parser, true);
                    } else {
                        JsonSkipping.skip(parser, event);
                    }
                    long start = end;
                    end = offset(parser);
                    found.add(new Found(element(text, checked(start), checked(end)), type));
                }
            } else {
                return null;
            }
            return parser.hasNext() ? null : found;
        } catch (RuntimeException unusual) { // not JSON, nested past the parser's limit, no offsets
            return null;
        }
    }

    /**
     * The top-level {@code type} of the object {@code json} is, read up to that key only (clients
     * put it first); null if it says no such thing, or is not an object.
     */
    public static String typeOf(String json) {
        try (JsonParser parser = JsonProviderHolder.PROVIDER.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return null;
            }
            return topLevelType(parser, false);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /** The kinds of {@code base}'s messages by their {@code type}, as its {@link JsonbTypeInfo} declares them. */
    public static <T> Map<String, Class<? extends T>> kinds(Class<T> base) {
        Map<String, Class<? extends T>> kinds = new HashMap<>();
        for (JsonbSubtype subtype : base.getAnnotation(JsonbTypeInfo.class).value()) {
            kinds.put(subtype.alias(), subtype.type().asSubclass(base));
        }
        return Map.copyOf(kinds);
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
            JsonSkipping.skip(parser, value);
        }
        return type;
    }

    /** An array element's text: what lies between the end of the one before (or the '[') and its own end. */
    private static String element(String text, int after, int end) {
        String element = text.substring(after, end).strip();
        return element.startsWith(",") ? element.substring(1).strip() : element;
    }

    private static long offset(JsonParser parser) {
        return parser.getLocation().getStreamOffset();
    }

    /** An offset the parser gave, as an index; out of bounds if it gave none. */
    private static int checked(long offset) {
        if (offset < 0 || offset > Integer.MAX_VALUE) {
            throw new IndexOutOfBoundsException("no offset");
        }
        return (int) offset;
    }
}
