package dev.tandem.protocol;

import dev.tandem.ot.MalformedOperationException;
import dev.tandem.ot.TextOperation;
import dev.tandem.ot.WireForm;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Operations as JSON, in their ot.js wire form, e.g. {@code [5, "hi", -3, 10]}: in messages
 * (through JSON-B, {@link Writer} and {@link Reader}), and as text for the operation log.
 */
public final class OperationJson {
    private OperationJson() {
    }

    /** JSON-B's configuration for messages that carry operations. */
    public static JsonbConfig config() {
        return new JsonbConfig().withSerializers(new Writer()).withDeserializers(new Reader());
    }

    /** The operation as JSON text, as messages carry it. */
    public static String toJson(TextOperation operation) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JsonProviderHolder.PROVIDER.createGenerator(text)) {
            write(operation, json);
        }
        return text.toString();
    }

    /**
     * The operation that JSON text holds.
     *
     * @throws MalformedOperationException if it is not an operation's wire form
     */
    public static TextOperation fromJson(String text) {
        try (JsonParser json = JsonProviderHolder.PROVIDER.createParser(new StringReader(text))) {
            if (json.next() != JsonParser.Event.START_ARRAY) {
                throw new MalformedOperationException("an operation must be an array");
            }
            return readComponents(json);
        }
    }

    private static void write(TextOperation operation, JsonGenerator json) {
        json.writeStartArray();
        for (Object component : WireForm.format(operation)) {
            if (component instanceof String text) {
                json.write(text);
            } else {
                json.write((Integer) component);
            }
        }
        json.writeEnd();
    }

    /**
     * The components up to the end of the array whose start the parser has just read; anything
     * else than an operation is a malformed operation. Reads events one by one: the parser Yasson
     * hands over for polymorphic types can neither build whole values nor tell its current event.
     */
    private static TextOperation readComponents(JsonParser json) {
        List<Object> components = new ArrayList<>();
        while (true) {
            JsonParser.Event event = json.next();
            switch (event) {
                case END_ARRAY -> {
                    return WireForm.parse(components);
                }
                case VALUE_NUMBER -> components.add(json.getBigDecimal());
                case VALUE_STRING -> components.add(json.getString());
                case VALUE_TRUE, VALUE_FALSE -> components.add(event == JsonParser.Event.VALUE_TRUE);
                case VALUE_NULL -> components.add(null);
                case START_ARRAY -> {
                    JsonSkipping.skip(json, event);
                    components.add(List.of());
                }
                case START_OBJECT -> {
                    JsonSkipping.skip(json, event);
                    components.add(Map.of());
                }
                default -> throw new MalformedOperationException("an operation must be an array");
            }
        }
    }

    /** JSON-B: a TextOperation to a JSON array. */
    public static final class Writer implements JsonbSerializer<TextOperation> {
        @Override
        public void serialize(TextOperation operation, JsonGenerator json, SerializationContext context) {
            write(operation, json);
        }
    }

    /** JSON-B: a JSON array to a TextOperation; anything else is a malformed operation. */
    public static final class Reader implements JsonbDeserializer<TextOperation> {
        @Override
        public TextOperation deserialize(JsonParser json, DeserializationContext context, Type type) {
            // the parser has just read the value's first event; for an array, its components follow
            return readComponents(json);
        }
    }
}
