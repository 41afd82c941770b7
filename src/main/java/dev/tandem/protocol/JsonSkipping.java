package dev.tandem.protocol;

import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;

/**
 * Skipping a JSON value, event by event. JSON-P's {@code skipObject} and {@code skipArray} are not
 * used: Parsson's (1.1.7) never return on text that ends inside the value, so one request holding
 * such text would hold its thread for good.
 */
final class JsonSkipping {
    private JsonSkipping() {
    }

    /**
     * Skips the rest of the value whose first event the parser has just read (nothing to skip for
     * a scalar); like {@link JsonParser#next()}, fails if the text ends first.
     */
    static void skip(JsonParser parser, Event first) {
        if (first != Event.START_OBJECT && first != Event.START_ARRAY) {
            return;
        }
        for (int depth = 1; depth > 0; ) {
            switch (parser.next()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                default -> { }
            }
        }
    }
}
