package dev.tandem.protocol;

import jakarta.json.spi.JsonProvider;

/** The JSON-P provider, looked up once: {@code Json.create*} looks it up at every call, a class-path scan. */
public final class JsonProviderHolder {
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonProviderHolder() {
    }
}
