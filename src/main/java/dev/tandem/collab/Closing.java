package dev.tandem.collab;

/** Why the server ends a connection, with the RFC 6455 close code a WebSocket uses for it. */
public enum Closing {
    NORMAL(1000),
    GOING_AWAY(1001),
    POLICY(1008),
    TOO_BIG(1009),
    SERVER_ERROR(1011),
    TRY_AGAIN_LATER(1013);

    private final int code;

    Closing(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
