package dev.tandem.protocol;

/**
 * Why the server ends a connection: the RFC 6455 close code of a WebSocket close frame, and the
 * {@code close.code} of a long-polling answer (docs/protocol.md, "Connection close codes").
 */
public enum CloseCode {
    NORMAL(1000),
    GOING_AWAY(1001),
    POLICY(1008),
    /** A policy close for access: not allowed in, or access taken away. Long polling answers it with 403. */
    ACCESS(1008),
    TOO_BIG(1009),
    SERVER_ERROR(1011),
    TRY_AGAIN_LATER(1013);

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
