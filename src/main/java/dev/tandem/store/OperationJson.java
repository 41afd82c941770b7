package dev.tandem.store;

import dev.tandem.ot.TextOperation;
import dev.tandem.ot.WireForm;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** An operation in its wire form (docs/protocol.md) as JSON-P values, for the log and the history API. */
public final class OperationJson {
    /** Looked up once: {@code Json.create*} looks the provider up on every call, a class-path scan. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private OperationJson() {
    }

    public static JsonArray write(TextOperation op) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Object step : WireForm.format(op)) {
            if (step instanceof String insert) {
                array.add(insert);
            } else {
                array.add(((Number) step).longValue());
            }
        }
        return array.build();
    }

    public static TextOperation read(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            List<Object> steps = new ArrayList<>();
            for (JsonValue value : reader.readArray()) {
                steps.add(value instanceof JsonString string ? string.getString() : ((JsonNumber) value).longValueExact());
            }
            return WireForm.parse(steps);
        }
    }
}
